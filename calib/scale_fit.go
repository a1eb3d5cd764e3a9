package calib

import (
	"fmt"
)

// ScaleShift is an affine map target = Scale*relative + Shift.
type ScaleShift struct{ Scale, Shift float64 }

// Apply returns Scale*p + Shift.
func (m ScaleShift) Apply(p float64) float64 { return m.Scale*p + m.Shift }

// FitScaleShift solves the weighted least squares min Σ w(s p + t - g)² in
// closed form (2x2 normal equations: a00=Σwp², a01=Σwp, a11=Σw, b0=Σwpg,
// b1=Σwg). A nil w weighs every point 1. It fails with ErrDegenerate when
// the weighted p have no spread.
func FitScaleShift(p, g, w []float64) (ScaleShift, error) {
	if len(p) != len(g) || (w != nil && len(w) != len(p)) {
		return ScaleShift{}, fmt.Errorf("%w: %d predictions, %d targets, %d weights", ErrDegenerate, len(p), len(g), len(w))
	}
	// Centre on the weighted means first: the same normal equations, but
	// without the cancellation that a00*a11-a01² suffers when p is far from 0.
	var sw, sp, sg float64
	for i := range p {
		wi := 1.0
		if w != nil {
			wi = w[i]
		}
		sw += wi
		sp += wi * p[i]
		sg += wi * g[i]
	}
	if !(sw > 0) {
		return ScaleShift{}, fmt.Errorf("%w: total weight %g", ErrDegenerate, sw)
	}
	mp, mg := sp/sw, sg/sw
	var a00, b0 float64
	for i := range p {
		wi := 1.0
		if w != nil {
			wi = w[i]
		}
		dp := p[i] - mp
		a00 += wi * dp * dp
		b0 += wi * dp * (g[i] - mg)
	}
	if !(a00 > 1e-12*sw) {
		return ScaleShift{}, fmt.Errorf("%w: all weighted points at one relative depth (variance %g)", ErrDegenerate, a00/sw)
	}
	s := b0 / a00
	return ScaleShift{Scale: s, Shift: mg - s*mp}, nil
}
