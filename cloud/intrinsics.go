package cloud

import (
	"fmt"
	"math"
)

// Intrinsics are the pinhole parameters of the depth image, in pixels: the
// camera_info's K = [fx 0 cx; 0 fy cy; 0 0 1].
type Intrinsics struct {
	Fx, Fy, Cx, Cy float64
}

// Limits on intrinsics: a focal length under maxFieldRatio-th of the image's
// longer side describes a field of view no pinhole has (and 1/f overflows the
// float32 maths), one above maxFocal or a principal point beyond maxCentre is
// a corrupt camera_info rather than a lens.
const (
	maxFieldRatio = 1e4
	maxFocal      = 1e8
	maxCentre     = 1e7
)

// Validate checks k for a width x height image.
func (k Intrinsics) Validate(width, height int) error {
	side := float64(max(width, height))
	for _, f := range [...]struct {
		name string
		v    float64
	}{{"fx", k.Fx}, {"fy", k.Fy}} {
		if !(f.v > 0 && f.v <= maxFocal && side/f.v <= maxFieldRatio) {
			return fmt.Errorf("%w: %s = %g: want a focal length in pixels in [%g, %g] for a %dx%d image",
				ErrIntrinsics, f.name, f.v, side/maxFieldRatio, maxFocal, width, height)
		}
	}
	for _, c := range [...]struct {
		name string
		v    float64
	}{{"cx", k.Cx}, {"cy", k.Cy}} {
		if !(math.Abs(c.v) <= maxCentre) {
			return fmt.Errorf("%w: %s = %g: want a finite principal point within %g px", ErrIntrinsics, c.name, c.v, maxCentre)
		}
	}
	return nil
}
