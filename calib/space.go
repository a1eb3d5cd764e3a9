package calib

import "fmt"

// Space says what the affine fit maps relative depth to.
type Space int

const (
	// SpaceDepth fits metric = s*relative + t.
	SpaceDepth Space = iota
	// SpaceDisparity fits 1/metric = s*relative + t.
	SpaceDisparity
)

// ParseSpace reads the ~align_space parameter: "depth" or "disparity".
func ParseSpace(s string) (Space, error) {
	switch s {
	case "depth":
		return SpaceDepth, nil
	case "disparity":
		return SpaceDisparity, nil
	}
	return 0, fmt.Errorf("%w: align_space %q: want depth or disparity", ErrConfig, s)
}

// String returns the parameter spelling of the space.
func (s Space) String() string {
	if s == SpaceDisparity {
		return "disparity"
	}
	return "depth"
}

// target converts metric depth z to the fitted quantity.
func (s Space) target(z float64) float64 {
	if s == SpaceDisparity {
		return 1 / z
	}
	return z
}

// metric converts the fitted quantity back to metric depth (<= 0 or Inf
// when the fit says the point is at or beyond infinity).
func (s Space) metric(v float64) float64 {
	if s == SpaceDisparity {
		return 1 / v
	}
	return v
}

// scaleSign is the sign the fitted scale must have. Relative depth runs
// 0 = near to 1 = far (README: depth/relative), so metric depth must grow
// with it: s > 0 in depth space; its inverse must shrink: s < 0 in
// disparity space (1/metric = s*rel + t). A fit of the other sign maps the
// image inside out, e.g. a model fed the wrong convention or a scene where
// the outliers won.
func (s Space) scaleSign() int {
	if s == SpaceDisparity {
		return -1
	}
	return 1
}
