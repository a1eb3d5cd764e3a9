package inference

import "fmt"

// DefaultMaxPixels is the decoded-pixel budget when Limits.MaxPixels is 0: 4096x3072 (12.6 MP),
// so every common camera up to 4K UHD (3840x2160) and the 12 MP 4000x3000 sensors fit, while a
// tiny file declaring 16384x16384 cannot make the node allocate the 805 MB its pixels would need.
const DefaultMaxPixels = 4096 * 3072

// MaxJPEGScans is the most scans a progressive JPEG may have, libjpeg-turbo's
// TJFLAG_LIMITSCANS bound: real encoders write about 10, and each scan costs a pass over the
// whole image, so a file repeating one scan 100,000 times would take minutes.
const MaxJPEGScans = 500

// Limits bounds what decoding one image may cost; the zero value takes the defaults.
type Limits struct {
	// MaxPixels is the most pixels (width*height, as the header declares them) an image may
	// have; 0 means DefaultMaxPixels. Larger images are refused with ErrTooLarge before any
	// pixel buffer is allocated.
	MaxPixels int
}

// maxPixels is the budget in effect.
func (l Limits) maxPixels() int {
	if l.MaxPixels <= 0 {
		return DefaultMaxPixels
	}
	return l.MaxPixels
}

// check refuses a declared size over the sanity limits (ErrBadDimensions) or over the budget
// (ErrTooLarge, which also wraps ErrBadDimensions).
func (l Limits) check(width, height int) error {
	if err := checkDimensions(width, height); err != nil {
		return err
	}
	if n := width * height; n > l.maxPixels() {
		return fmt.Errorf("%w (%w): %dx%d is %d pixels, budget %d", ErrTooLarge, ErrBadDimensions, width, height, n, l.maxPixels())
	}
	return nil
}
