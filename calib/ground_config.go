package calib

import (
	"fmt"
	"log/slog"
	"math"
	"time"
)

// GroundConfig configures a GroundAligner. Start from DefaultGroundConfig.
// Keys in errors are the node's private parameter names; the fit, smoothing
// and range settings are the LiDAR aligner's ~align_* ones.
type GroundConfig struct {
	// Space is ~align_space: fit in depth or in disparity.
	Space Space
	// ToleranceDeg is ~ground_normal_tolerance: a pixel is floor when its
	// predicted normal is within this many degrees of up.
	ToleranceDeg float64
	// MinDepressionDeg is ~ground_min_depression: pixels whose ray is less
	// than this many degrees below the horizon are skipped, because floor
	// depth Height/sin(angle) blows up there and any error in up with it.
	MinDepressionDeg float64
	// MinPixels is ~ground_min_pixels: the fewest floor pixels worth fitting.
	MinPixels int
	// MaxSamples is ~ground_max_samples: pixels are read on a grid of about
	// this many points, so a large frame costs no more than a small one.
	MaxSamples int
	// MinRange and MaxRange are ~align_min_range and ~align_max_range:
	// floor depths outside are not fitted; metric output beyond MaxRange is NaN.
	MinRange, MaxRange float64
	// Smoothing, MaxAge, InlierThreshold, JumpTolerance and JumpFrames are
	// the ~align_* parameters of the same names, as in Config.
	Smoothing       float64
	MaxAge          time.Duration
	InlierThreshold float64
	JumpTolerance   float64
	JumpFrames      int
	// UpPrior and UpPriorConeDeg seed the estimate of up from the normals
	// when a frame's Floor has no Up (see EstimateUp; zero = a level camera, 45 degrees).
	UpPrior        Vec3
	UpPriorConeDeg float64
	// Logger receives rate-limited lines about refused fits (nil = discard).
	Logger *slog.Logger
}

// DefaultGroundConfig returns the defaults the node documents.
func DefaultGroundConfig() GroundConfig {
	d := DefaultConfig()
	return GroundConfig{
		Space:            d.Space,
		ToleranceDeg:     10,
		MinDepressionDeg: 3,
		MinPixels:        200,
		MaxSamples:       8192,
		MinRange:         d.MinRange,
		MaxRange:         d.MaxRange,
		Smoothing:        d.Smoothing,
		MaxAge:           d.MaxAge,
		InlierThreshold:  d.InlierThreshold,
		JumpTolerance:    d.JumpTolerance,
		JumpFrames:       d.JumpFrames,
	}
}

// Validate names the first invalid parameter.
func (c GroundConfig) Validate() error {
	bad := func(key string, v any, want string) error {
		return fmt.Errorf("%w: %s = %v: %s", ErrConfig, key, v, want)
	}
	switch {
	case !(c.ToleranceDeg > 0 && c.ToleranceDeg < 90):
		return bad("ground_normal_tolerance", c.ToleranceDeg, "want degrees in (0,90)")
	case !(c.MinDepressionDeg > 0 && c.MinDepressionDeg < 90):
		return bad("ground_min_depression", c.MinDepressionDeg, "want degrees in (0,90)")
	case c.MinPixels < 2:
		return bad("ground_min_pixels", c.MinPixels, "want at least 2 (two points fix a line)")
	case c.MaxSamples < c.MinPixels:
		return bad("ground_max_samples", c.MaxSamples, fmt.Sprintf("want at least ground_min_pixels (%d)", c.MinPixels))
	case !c.UpPrior.finite():
		return bad("ground up prior", c.UpPrior, "want a finite direction")
	case !(c.UpPriorConeDeg == 0 || (c.UpPriorConeDeg >= c.ToleranceDeg && c.UpPriorConeDeg < 90)):
		return bad("ground up prior cone", c.UpPriorConeDeg, "want degrees in [ground_normal_tolerance, 90), 0 = 45")
	}
	// The shared settings, checked with the LiDAR aligner's rules and keys.
	return Config{Space: c.Space, MinPoints: c.MinPixels, MinRange: c.MinRange, MaxRange: c.MaxRange,
		Smoothing: c.Smoothing, MaxAge: c.MaxAge, InlierThreshold: c.InlierThreshold,
		JumpTolerance: c.JumpTolerance, JumpFrames: c.JumpFrames}.Validate()
}

// upEstimate is the EstimateUp configuration these settings imply.
func (c GroundConfig) upEstimate() UpEstimateConfig {
	cone := c.UpPriorConeDeg
	if cone == 0 {
		cone = math.Max(45, c.ToleranceDeg)
	}
	return UpEstimateConfig{Prior: c.UpPrior, PriorConeDeg: cone, ToleranceDeg: c.ToleranceDeg,
		MinPixels: c.MinPixels, MaxSamples: c.MaxSamples}
}
