package metric

import (
	"fmt"
	"time"

	"github.com/depthnode/depthnode/calib"
	"github.com/depthnode/depthnode/node/params"
)

// alignConfig maps the ~align_* parameters onto calib's configuration; an
// error names the parameter.
func alignConfig(p params.Params) (calib.Config, error) {
	cfg := calib.DefaultConfig()
	space, err := calib.ParseSpace(p.AlignSpace)
	if err != nil {
		return cfg, fmt.Errorf("%w ~align_space: %w", params.ErrBadParam, err)
	}
	cfg.Space = space
	cfg.MinPoints = p.AlignMinPoints
	cfg.MinRange, cfg.MaxRange = p.AlignMinRange, p.AlignMaxRange
	cfg.Smoothing = p.AlignSmoothing
	cfg.MaxAge = time.Duration(p.AlignMaxAge * float64(time.Second))
	if err := cfg.Validate(); err != nil {
		return cfg, fmt.Errorf("%w: %w", params.ErrBadParam, err) // calib's message names the align_* key
	}
	return cfg, nil
}

// groundConfig maps the ~ground_* and shared ~align_* parameters onto the floor aligner's
// configuration; an error names the parameter.
func groundConfig(p params.Params) (calib.GroundConfig, error) {
	lidar, err := alignConfig(p)
	if err != nil {
		return calib.GroundConfig{}, err
	}
	cfg := calib.DefaultGroundConfig()
	cfg.Space, cfg.MinRange, cfg.MaxRange = lidar.Space, lidar.MinRange, lidar.MaxRange
	cfg.Smoothing, cfg.MaxAge = lidar.Smoothing, lidar.MaxAge
	cfg.ToleranceDeg, cfg.MinDepressionDeg = p.GroundNormalTolerance, p.GroundMinDepression
	cfg.MinPixels, cfg.MaxSamples = p.GroundMinPixels, p.GroundMaxSamples
	if err := cfg.Validate(); err != nil {
		return cfg, fmt.Errorf("%w: %w", params.ErrBadParam, err) // calib's message names the key
	}
	return cfg, nil
}
