package stream

import (
	"fmt"
	"time"
)

// Frame is one processed camera frame for the preview. Push takes it over:
// after Push the caller must not write to the Frame or to any slice it holds
// (the stream reads them later, from its own goroutine, until a newer frame
// replaces it). The stream never writes to them, so the same slices may be
// shared with other readers, such as outgoing ROS messages.
type Frame struct {
	// Stamp is the input image's stamp; the page measures latency from it.
	Stamp time.Time
	// Width and Height are the camera image's size in pixels.
	Width, Height int
	// RGB is the camera image, packed RGB, Width*Height*3 bytes; nil shows grey.
	RGB []byte
	// Depth is relative depth in [0,1] (0 = near), Width*Height; nil = no depth tile.
	Depth []float32
	// Normals are unit optical-frame normals, x,y,z per pixel; nil = no normals tile.
	Normals []float32
	// Metric is depth in metres, NaN where invalid, Width*Height; nil while
	// no alignment holds (the tile stays, black, when Stats.Align.Enabled).
	Metric []float32
	// Stats are the node's live numbers shown under the video.
	Stats Stats
	// Rows names the cameras stacked top to bottom in the images (a node serving several
	// cameras shows one tile row each); nil for one camera. Each row gets a tile's 4:3 box.
	Rows []string
}

// Stats are the node's live numbers for the page.
type Stats struct {
	InputFPS  float64 `json:"input_fps"`  // images arriving per second
	OutputFPS float64 `json:"output_fps"` // results published per second
	ModelMs   float64 `json:"model_ms"`   // model inference time per frame
	Dropped   uint64  `json:"dropped"`    // input images the node skipped so far
	Device    string  `json:"device"`     // where the model runs, e.g. "cuda:0"
	Align     Align   `json:"align"`      // metric alignment state
}

// Align is the state of the metric scale/shift fit (from LiDAR or the floor).
type Align struct {
	Enabled  bool    `json:"enabled"`  // ~align is on (the metric tile is shown)
	Valid    bool    `json:"valid"`    // a fit currently holds
	Scale    float64 `json:"scale"`    // metric = Scale*relative + Shift (in the fit's space)
	Shift    float64 `json:"shift"`    // see Scale
	Source   string  `json:"source"`   // which fit holds: "lidar" or "ground" (the floor)
	Points   int     `json:"points"`   // LiDAR points or floor pixels offered to the fit
	Inliers  int     `json:"inliers"`  // points the fit kept
	Residual float64 `json:"residual"` // the fit's residual, metres
}

// maxFrameSide bounds each side of a pushed frame. The preview's own cost
// does not depend on it (tiles are fitted to a fixed box); it only keeps
// Width*Height far from overflowing.
const maxFrameSide = 1 << 16

// check reports a Frame whose slices do not match its size.
func (f *Frame) check() error {
	n := f.Width * f.Height
	switch {
	case f.Width < 1 || f.Height < 1 || f.Width > maxFrameSide || f.Height > maxFrameSide:
		return fmt.Errorf("%w: size %dx%d", ErrBadFrame, f.Width, f.Height)
	case f.RGB != nil && len(f.RGB) != 3*n:
		return fmt.Errorf("%w: RGB has %d bytes, want %d", ErrBadFrame, len(f.RGB), 3*n)
	case f.Depth != nil && len(f.Depth) != n:
		return fmt.Errorf("%w: Depth has %d values, want %d", ErrBadFrame, len(f.Depth), n)
	case f.Normals != nil && len(f.Normals) != 3*n:
		return fmt.Errorf("%w: Normals has %d values, want %d", ErrBadFrame, len(f.Normals), 3*n)
	case f.Metric != nil && len(f.Metric) != n:
		return fmt.Errorf("%w: Metric has %d values, want %d", ErrBadFrame, len(f.Metric), n)
	}
	return nil
}
