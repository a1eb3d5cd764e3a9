package synth

import (
	"errors"
	"fmt"
)

// ErrConfig is wrapped by every Config validation error.
var ErrConfig = errors.New("invalid synth config")

// SceneKind selects which scenes the generator draws.
type SceneKind string

// Scene kinds.
const (
	SceneMixed   SceneKind = "mixed"
	SceneIndoor  SceneKind = "indoor"
	SceneOutdoor SceneKind = "outdoor"
)

// Config configures a Generator.
type Config struct {
	// Width and Height are the image size in pixels.
	Width, Height int
	// Seed selects the scenes, paths and noise; equal seeds give equal bytes.
	Seed int64
	// FramesPerScene is how many frames come from one scene before the next
	// scene starts; 0 keeps one scene for ever.
	FramesPerScene int
	// Stride is the number of path steps (at the nominal 10 Hz) between
	// successive frames: 1 for video, larger for well-separated data set views.
	Stride int
	// Scenes chooses indoor rooms, outdoor yards or a mix ("" = mixed).
	Scenes SceneKind
	// Lidar configures the simulated LiDAR (Beams 0 disables it).
	Lidar LidarConfig
	// Workers bounds the rendering goroutines (0 = GOMAXPROCS).
	Workers int
}

// DefaultConfig is a 640x480 video sequence with a 16-beam LiDAR, a new
// scene every 600 frames (a minute at 10 Hz).
func DefaultConfig() Config {
	return Config{Width: 640, Height: 480, Seed: 1, FramesPerScene: 600, Stride: 1, Scenes: SceneMixed, Lidar: DefaultLidarConfig()}
}

// Validate names the first bad field.
func (c Config) Validate() error {
	switch {
	case c.Width < 1 || c.Height < 1:
		return fmt.Errorf("%w: Width, Height %dx%d must be positive", ErrConfig, c.Width, c.Height)
	case c.FramesPerScene < 0:
		return fmt.Errorf("%w: FramesPerScene %d < 0", ErrConfig, c.FramesPerScene)
	case c.Stride < 1:
		return fmt.Errorf("%w: Stride %d < 1", ErrConfig, c.Stride)
	case c.Workers < 0:
		return fmt.Errorf("%w: Workers %d < 0", ErrConfig, c.Workers)
	}
	switch c.Scenes {
	case "", SceneMixed, SceneIndoor, SceneOutdoor:
	default:
		return fmt.Errorf("%w: Scenes %q (want mixed, indoor or outdoor)", ErrConfig, c.Scenes)
	}
	if err := c.Lidar.Validate(); err != nil {
		return fmt.Errorf("%w: Lidar: %w", ErrConfig, err)
	}
	return nil
}
