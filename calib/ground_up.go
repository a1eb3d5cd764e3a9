package calib

import (
	"fmt"
	"math"
)

// UpEstimateConfig tunes EstimateUp. Zero fields take the defaults shown.
type UpEstimateConfig struct {
	// Prior is the first guess of the up direction in the optical frame
	// (default (0,-1,0): a level camera). It need not be unit length.
	Prior Vec3
	// PriorConeDeg is how far from Prior the floor's normal may be (default
	// 45 degrees): the first pass averages the normals within this cone.
	PriorConeDeg float64
	// ToleranceDeg is the final cone (default 10 degrees), as the aligner's
	// floor tolerance.
	ToleranceDeg float64
	// MinPixels is the fewest sampled normals the estimate needs (default 200).
	MinPixels int
	// MaxSamples bounds how many pixels of the lower half are read (default 8192).
	MaxSamples int
}

func (c UpEstimateConfig) withDefaults() UpEstimateConfig {
	if c.Prior == (Vec3{}) {
		c.Prior = Vec3{0, -1, 0}
	}
	if c.PriorConeDeg == 0 {
		c.PriorConeDeg = 45
	}
	if c.ToleranceDeg == 0 {
		c.ToleranceDeg = 10
	}
	if c.MinPixels == 0 {
		c.MinPixels = 200
	}
	if c.MaxSamples == 0 {
		c.MaxSamples = 8192
	}
	return c
}

// EstimateUp finds the up direction from predicted normals (row-major
// width x height x 3, the node's convention, where the floor's normal is up)
// when only the camera height is known. It reads the lower half of the
// image, where the floor is, and runs a mean shift on the unit sphere: the
// mean of the normals within a cone about the current guess becomes the
// next guess, the cone halving from PriorConeDeg down to ToleranceDeg, then
// repeating until the guess stops moving. It returns the unit up direction
// and how many normals the last mean used, or ErrNoFloor.
//
// Limits: the floor must be the dominant surface within PriorConeDeg of the
// prior in the lower half. Table tops and other horizontal surfaces do not
// hurt (they share the floor's normal); a ramp, stairs or a large sloped
// surface pulls the estimate; a wall fills the cone only if the prior is
// more than 45 degrees off. A bias in the model's normals (they are learnt,
// a few degrees typical) goes straight into the estimate, and an error of
// e radians in Up changes floor depth at depression angle a by about
// e/tan(a): 1 degree is ~6% at 10 degrees below the horizon, so prefer TF or
// a measured pitch and roll where they exist.
func EstimateUp(normals []float32, width, height int, cfg UpEstimateConfig) (Vec3, int, error) {
	cfg = cfg.withDefaults()
	switch {
	case width <= 0 || height <= 0 || len(normals) != 3*width*height:
		return Vec3{}, 0, fmt.Errorf("%w: %dx%d image with %d normal components", ErrFrame, width, height, len(normals))
	case !cfg.Prior.finite() || !(cfg.PriorConeDeg >= cfg.ToleranceDeg && cfg.PriorConeDeg < 90) || !(cfg.ToleranceDeg > 0):
		return Vec3{}, 0, fmt.Errorf("%w: up prior (%g %g %g) cone %g deg, tolerance %g deg: want a finite prior and 0 < tolerance <= cone < 90",
			ErrConfig, cfg.Prior.X, cfg.Prior.Y, cfg.Prior.Z, cfg.PriorConeDeg, cfg.ToleranceDeg)
	}
	up := cfg.Prior.Scale(1 / cfg.Prior.Norm())
	v0 := height / 2
	stride := sampleStride(width, height-v0, cfg.MaxSamples)
	cone := cfg.PriorConeDeg
	for it := 0; it < 64; it++ {
		cosCone := math.Cos(cone * math.Pi / 180)
		var sum Vec3
		n := 0
		for v := v0 + stride/2; v < height; v += stride {
			row := normals[3*v*width:]
			for u := stride / 2; u < width; u += stride {
				x, y, z := float64(row[3*u]), float64(row[3*u+1]), float64(row[3*u+2])
				if d := x*up.X + y*up.Y + z*up.Z; d >= cosCone { // false for NaN
					// Unit-normalise: the model's normals are not exactly unit.
					k := 1 / math.Sqrt(x*x+y*y+z*z)
					sum = sum.Add(Vec3{x * k, y * k, z * k})
					n++
				}
			}
		}
		if n < cfg.MinPixels || !(sum.Norm() > 0) {
			return Vec3{}, n, fmt.Errorf("%w: %d normals of the lower image half within %.3g degrees of up (%.3f %.3f %.3f), need %d",
				ErrNoFloor, n, cone, up.X, up.Y, up.Z, cfg.MinPixels)
		}
		next := sum.Scale(1 / sum.Norm())
		moved := dot3(next, up)
		up = next
		if cone == cfg.ToleranceDeg && moved > math.Cos(1e-7) {
			return up, n, nil
		}
		cone = math.Max(cfg.ToleranceDeg, cone/2)
	}
	return up, 0, fmt.Errorf("%w: the up estimate did not settle (last (%.3f %.3f %.3f))", ErrNoFloor, up.X, up.Y, up.Z)
}

// sampleStride is the pixel step, in both directions, that reads at most
// about max pixels of a width x height image.
func sampleStride(width, height, max int) int {
	if width*height <= max {
		return 1
	}
	return int(math.Ceil(math.Sqrt(float64(width*height) / float64(max))))
}
