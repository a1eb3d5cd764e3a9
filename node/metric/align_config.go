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
