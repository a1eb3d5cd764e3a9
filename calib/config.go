package calib

import (
	"fmt"
	"log/slog"
	"math"
	"time"
)

// Config configures an Aligner. Start from DefaultConfig: zero is a
// meaningful value for several fields. Keys in errors are the node's
// private parameter names.
type Config struct {
	// Space is ~align_space: fit in depth or in disparity.
	Space Space
	// MinPoints is ~align_min_points: the fewest LiDAR points in the image worth fitting.
	MinPoints int
	// MinRange and MaxRange are ~align_min_range and ~align_max_range in
	// metres, applied to a point's depth z in the camera frame; metric
	// output beyond MaxRange is NaN.
	MinRange, MaxRange float64
	// Smoothing is ~align_smoothing in [0,1): 0 uses each frame's fit as is.
	Smoothing float64
	// MaxAge is ~align_max_age: metric depth stops this long (in frame
	// stamps) after the last accepted fit.
	MaxAge time.Duration
	// InlierThreshold is ~align_inlier_threshold: the relative depth error
	// under which a point supports a fit.
	InlierThreshold float64
	// EdgeThreshold is ~align_edge_threshold: a point whose four neighbouring
	// relative depth pixels span more than this is at an edge and skipped (0 = keep all).
	EdgeThreshold float64
	// JumpTolerance and JumpFrames: this many fits in a row that differ from
	// the smoothed one by more than this relative depth restart the smoothing.
	JumpTolerance float64
	JumpFrames    int
	// Logger receives rate-limited lines about refused fits (nil = discard).
	Logger *slog.Logger
}

// DefaultConfig returns the defaults the node documents.
func DefaultConfig() Config {
	return Config{
		Space:           SpaceDepth,
		MinPoints:       20,
		MinRange:        0.1,
		MaxRange:        100,
		Smoothing:       0.8,
		MaxAge:          time.Second,
		InlierThreshold: 0.1,
		EdgeThreshold:   0.05,
		JumpTolerance:   0.2,
		JumpFrames:      3,
	}
}

// Validate names the first invalid parameter.
func (c Config) Validate() error {
	bad := func(key string, v any, want string) error {
		return fmt.Errorf("%w: %s = %v: %s", ErrConfig, key, v, want)
	}
	finite := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
	switch {
	case c.Space != SpaceDepth && c.Space != SpaceDisparity:
		return bad("align_space", int(c.Space), "want depth or disparity")
	case c.MinPoints < 2:
		return bad("align_min_points", c.MinPoints, "want at least 2 (two points fix a line)")
	case !finite(c.MinRange) || c.MinRange < 0:
		return bad("align_min_range", c.MinRange, "want a finite distance >= 0 m")
	case !finite(c.MaxRange) || c.MaxRange <= c.MinRange:
		return bad("align_max_range", c.MaxRange, fmt.Sprintf("want a finite distance above align_min_range (%g m)", c.MinRange))
	case !(c.Smoothing >= 0 && c.Smoothing < 1):
		return bad("align_smoothing", c.Smoothing, "want a value in [0,1)")
	case c.MaxAge <= 0:
		return bad("align_max_age", c.MaxAge, "want a positive duration")
	case !(c.InlierThreshold > 0 && c.InlierThreshold < 1):
		return bad("align_inlier_threshold", c.InlierThreshold, "want a relative error in (0,1)")
	case !(c.EdgeThreshold >= 0 && c.EdgeThreshold <= 1):
		return bad("align_edge_threshold", c.EdgeThreshold, "want a relative depth step in [0,1], 0 = off")
	case !(c.JumpTolerance > 0 && finite(c.JumpTolerance)):
		return bad("align_jump_tolerance", c.JumpTolerance, "want a positive relative difference")
	case c.JumpFrames < 1:
		return bad("align_jump_frames", c.JumpFrames, "want at least 1")
	}
	return nil
}
