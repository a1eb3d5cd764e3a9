package calib

import "fmt"

// Sanity limits on pinhole intrinsics, relative to the image size along the
// same axis. A focal length of 0.01 size puts the image edge at 88.9 degrees
// off-axis for a pinhole and at 50 rad for an equidistant fisheye, beyond any
// lens (a 280-degree fisheye spanning the width has f ≈ 0.2 width); 1000 size
// is a 0.06-degree field of view, a telescope. Outside these, the value is a
// unit mix-up or garbage (fx = 1e-30 was seen), and projecting with it gives
// nonsense or overflow rather than an error.
const (
	minFocalPerPixel = 1e-2
	maxFocalPerPixel = 1e3
)

// checkAxis validates one axis of a pinhole matrix: focal f and principal
// point c (pixels) for an image size pixels long. The principal point may lie
// off the image (shifted lenses, crops) but not more than one image size away.
func checkAxis(fName string, f float64, cName string, c float64, size int) error {
	s := float64(size)
	if !(f >= minFocalPerPixel*s && f <= maxFocalPerPixel*s) {
		return fmt.Errorf("%w: %s = %g px: want a focal length in [%g, %g] px (%g to %g times the image's %d px)",
			ErrCameraInfo, fName, f, minFocalPerPixel*s, maxFocalPerPixel*s, minFocalPerPixel, maxFocalPerPixel, size)
	}
	if !(c >= -s && c <= 2*s) {
		return fmt.Errorf("%w: %s = %g px: want a principal point within one image size (%d px) of the image", ErrCameraInfo, cName, c, size)
	}
	return nil
}
