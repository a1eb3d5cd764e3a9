package eval

import (
	"fmt"
	"math"
)

// AngularErrors returns the angle in degrees between predicted and ground-truth normals at
// every valid pixel. Both are interleaved xyz arrays of the same length; a pixel is valid
// where the ground truth is a finite non-zero vector. Neither side needs to be unit length.
// A zero prediction scores 90 degrees and a non-finite one 180, so a model cannot skip pixels.
func AngularErrors(pred, gt []float32) ([]float64, error) {
	if len(pred) != len(gt) || len(gt)%3 != 0 {
		return nil, fmt.Errorf("%w: prediction %d values, ground truth %d (want equal multiples of 3)",
			ErrSizeMismatch, len(pred), len(gt))
	}
	errs := make([]float64, 0, len(gt)/3)
	for i := 0; i < len(gt); i += 3 {
		g := vec3{float64(gt[i]), float64(gt[i+1]), float64(gt[i+2])}
		gn := g.norm()
		if gn == 0 || math.IsNaN(gn) || math.IsInf(gn, 0) {
			continue
		}
		p := vec3{float64(pred[i]), float64(pred[i+1]), float64(pred[i+2])}
		pn := p.norm()
		switch {
		case math.IsNaN(pn) || math.IsInf(pn, 0):
			errs = append(errs, 180)
		case pn == 0:
			errs = append(errs, 90)
		default:
			c := math.Max(-1, math.Min(1, p.dot(g)/(pn*gn)))
			errs = append(errs, math.Acos(c)*180/math.Pi)
		}
	}
	return errs, nil
}

// vec3 is a 3-vector in float64 so that near-parallel normals keep their small angles.
type vec3 [3]float64

func (a vec3) dot(b vec3) float64 { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }

func (a vec3) norm() float64 { return math.Sqrt(a.dot(a)) }
