package eval

import "math"

// ScaleShift is an affine map s*p + t from relative prediction to metric depth.
type ScaleShift struct {
	Scale float64
	Shift float64
}

// Apply maps one relative value to metric depth.
func (a ScaleShift) Apply(p float64) float64 { return a.Scale*p + a.Shift }

// FitScaleShift solves min over s,t of sum (s*pred+t-gt)^2 over the pixels where mask is true,
// with the closed-form 2x2 normal equations of the reference protocol.
func FitScaleShift(pred, gt []float32, mask []bool) (ScaleShift, error) {
	if len(pred) != len(gt) || len(mask) != len(gt) {
		return ScaleShift{}, ErrSizeMismatch
	}
	// Sums in float64: a 1-megapixel image of float32 would lose digits in sum p^2.
	var a00, a01, a11, b0, b1 float64
	for i, ok := range mask {
		if !ok {
			continue
		}
		p, g := float64(pred[i]), float64(gt[i])
		a00 += p * p
		a01 += p
		a11++
		b0 += p * g
		b1 += g
	}
	if a11 == 0 {
		return ScaleShift{}, ErrNoValidPixels
	}
	det := a00*a11 - a01*a01
	// Relative test: det is n^2 times the variance of p, so scale the threshold with a00*a11.
	if det <= 1e-12*a00*a11 || math.IsNaN(det) {
		return ScaleShift{}, ErrDegenerateFit
	}
	return ScaleShift{
		Scale: (a11*b0 - a01*b1) / det,
		Shift: (a00*b1 - a01*b0) / det,
	}, nil
}
