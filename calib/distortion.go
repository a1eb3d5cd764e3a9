package calib

import (
	"fmt"
	"math"
)

// distortion maps normalised pinhole coordinates (x/z, y/z) to distorted
// normalised coordinates, as OpenCV's projectPoints (or fisheye::projectPoints).
type distortion struct {
	fisheye bool
	// k1..k6 radial, p1 p2 tangential (OpenCV order k1 k2 p1 p2 k3 k4 k5 k6);
	// fisheye uses k[0..3] only.
	k1, k2, p1, p2, k3, k4, k5, k6 float64
	none                           bool
}

// newDistortion reads D for model; missing trailing coefficients are zero, as
// OpenCV treats a short vector; extra ones are refused because this model
// would ignore them.
func newDistortion(model string, d []float64) (distortion, error) {
	var max int
	dist := distortion{}
	switch model {
	case ModelPlumbBob, "":
		max = 5
	case ModelRationalPolynomial:
		max = 8
	case ModelEquidistant, "fisheye":
		max, dist.fisheye = 4, true
	default:
		return dist, fmt.Errorf("%w: distortion model %q (supported: %s, %s, %s)", ErrCameraInfo, model, ModelPlumbBob, ModelRationalPolynomial, ModelEquidistant)
	}
	if len(d) > max {
		return dist, fmt.Errorf("%w: distortion model %q takes at most %d coefficients, D has %d", ErrCameraInfo, model, max, len(d))
	}
	var c [8]float64
	for i, v := range d {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return dist, fmt.Errorf("%w: D[%d] = %g", ErrCameraInfo, i, v)
		}
		c[i] = v
	}
	if dist.fisheye {
		dist.k1, dist.k2, dist.k3, dist.k4 = c[0], c[1], c[2], c[3]
	} else {
		dist.k1, dist.k2, dist.p1, dist.p2, dist.k3, dist.k4, dist.k5, dist.k6 = c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]
	}
	dist.none = c == [8]float64{}
	return dist, nil
}

// radial returns the distorted radius for undistorted radius r (tangential
// terms left out): r*(1+k1 r²+k2 r⁴+k3 r⁶)/(1+k4 r²+k5 r⁴+k6 r⁶), or for
// fisheye θ_d(atan r).
func (d *distortion) radial(r float64) float64 {
	if d.fisheye {
		th := math.Atan(r)
		t2 := th * th
		return th * (1 + t2*(d.k1+t2*(d.k2+t2*(d.k3+t2*d.k4))))
	}
	r2 := r * r
	return r * (1 + r2*(d.k1+r2*(d.k2+r2*d.k3))) / (1 + r2*(d.k4+r2*(d.k5+r2*d.k6)))
}

// apply distorts normalised coordinates (a, b) with r2 = a²+b².
func (d *distortion) apply(a, b, r2 float64) (float64, float64) {
	if d.none {
		return a, b
	}
	if d.fisheye {
		r := math.Sqrt(r2)
		if r < 1e-12 {
			return a, b
		}
		f := d.radial(r) / r
		return a * f, b * f
	}
	f := (1 + r2*(d.k1+r2*(d.k2+r2*d.k3))) / (1 + r2*(d.k4+r2*(d.k5+r2*d.k6)))
	ab := a * b
	return a*f + 2*d.p1*ab + d.p2*(r2+2*a*a), b*f + d.p1*(r2+2*b*b) + 2*d.p2*ab
}

// validRadius returns the largest undistorted radius up to which the model
// is monotonic and stops once the distorted radius passes rdMax. Polynomial
// models fold back far outside their calibrated field of view, which would
// land points from behind the image edge inside it; points beyond this radius
// are refused instead.
func (d *distortion) validRadius(rdMax float64) float64 {
	const step, limit = 1e-3, 50.0
	prev := 0.0
	for r := step; r < limit; r += step {
		rd := d.radial(r)
		if rd <= prev || math.IsNaN(rd) { // folds back: stop before the fold
			return r - step
		}
		if rd > rdMax {
			return r
		}
		prev = rd
	}
	return limit
}
