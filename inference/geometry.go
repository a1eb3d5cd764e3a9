package inference

import (
	"fmt"
	"math"
)

// processingSize applies the reference rule (Marigold's resize_max_res): the longer side becomes
// res, f = min(res/W, res/H), new = int(dim*f) truncated; res <= 0 keeps the native size. A side
// that would truncate to 0 (extreme aspect ratios) is kept at 1 pixel.
func processingSize(w, h, res int) (int, int) {
	if res <= 0 {
		return w, h
	}
	f := math.Min(float64(res)/float64(w), float64(res)/float64(h))
	return max(int(float64(w)*f), 1), max(int(float64(h)*f), 1)
}

// roundUp returns n rounded up to a multiple of m.
func roundUp(n, m int) int { return (n + m - 1) / m * m }

// paddedSize is the model input size for a processed size: rounded up to the pad multiple, or
// the model's static size when it has one.
func paddedSize(w, h, multiple, fixedW, fixedH int) (int, int, error) {
	pw, ph := roundUp(w, multiple), roundUp(h, multiple)
	if fixedW > 0 {
		if w > fixedW {
			return 0, 0, fmt.Errorf("%w: processed width %d exceeds the model's static input width %d: lower processing_res", ErrBadDimensions, w, fixedW)
		}
		pw = fixedW
	}
	if fixedH > 0 {
		if h > fixedH {
			return 0, 0, fmt.Errorf("%w: processed height %d exceeds the model's static input height %d: lower processing_res", ErrBadDimensions, h, fixedH)
		}
		ph = fixedH
	}
	return pw, ph, nil
}

// lcm is the least common multiple, for models with different pad multiples sharing one input.
func lcm(a, b int) int {
	x, y := a, b
	for y != 0 {
		x, y = y, x%y
	}
	return a / x * b
}
