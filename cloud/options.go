package cloud

import (
	"fmt"
	"math"
)

// MaxStride is the largest Stride Validate accepts.
const MaxStride = 64

// Options choose which pixels become points. Start from DefaultOptions: zero
// is a meaningful value for several fields. Keys in errors are the node's
// private parameter names.
type Options struct {
	// Stride is ~points_stride: every Stride-th pixel in both directions,
	// starting at pixel (0,0).
	Stride int
	// Organized is ~points_organized: a ceil(H/Stride) x ceil(W/Stride) grid
	// with NaN x, y, z (and normals) for removed points and is_dense false, as
	// depth_image_proc publishes; false gives only the kept points, height 1,
	// is_dense true.
	Organized bool
	// MinRange and MaxRange are ~points_min_range and ~points_max_range in
	// metres along the ray, |(x,y,z)|, not z; MaxRange 0 = no upper limit.
	MinRange, MaxRange float64
	// EdgeThreshold is ~points_edge_threshold: a point whose depth differs from
	// one of its 4 neighbours in the full-resolution depth by more than this
	// times its own depth is a flying pixel and removed; 0 = keep all.
	EdgeThreshold float64
}

// DefaultOptions returns the defaults the node documents.
func DefaultOptions() Options {
	return Options{Stride: 4, MinRange: 0.1, MaxRange: 10, EdgeThreshold: 0.05}
}

// Validate names the first invalid option.
func (o Options) Validate() error {
	bad := func(key string, v any, want string) error {
		return fmt.Errorf("%w: %s = %v: %s", ErrConfig, key, v, want)
	}
	finite := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
	switch {
	case o.Stride < 1 || o.Stride > MaxStride:
		return bad("points_stride", o.Stride, fmt.Sprintf("want 1..%d", MaxStride))
	case !finite(o.MinRange) || o.MinRange < 0:
		return bad("points_min_range", o.MinRange, "want a finite distance >= 0 m")
	case !finite(o.MaxRange) || o.MaxRange < 0 || (o.MaxRange > 0 && o.MaxRange <= o.MinRange):
		return bad("points_max_range", o.MaxRange, fmt.Sprintf("want 0 (no limit) or a finite distance above points_min_range (%g m)", o.MinRange))
	case !finite(o.EdgeThreshold) || o.EdgeThreshold < 0:
		return bad("points_edge_threshold", o.EdgeThreshold, "want a relative depth step >= 0, 0 = off")
	}
	return nil
}
