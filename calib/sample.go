package calib

import "math"

// sampleBilinear reads the relative depth at sub-pixel (u, v) from the
// row-major w x h image rel, bilinearly. It refuses (ok=false) a point whose
// four neighbouring pixels span more than edge (0 = no check): such a point
// sits on a depth discontinuity, where a small calibration error puts a
// LiDAR return on the wrong side of the edge. Non-finite pixels are refused.
// u and v must lie in [-0.5, w-0.5) x [-0.5, h-0.5).
func sampleBilinear(rel []float32, w, h int, u, v, edge float64) (float64, bool) {
	// Clamp to the outer pixel centres so the half-pixel border reads the edge pixels.
	// Plain comparisons: math.Min/Max handle NaN and signed zeros and cost
	// a call each, which shows in a loop over 100k returns.
	u, v = clamp(u, float64(w-1)), clamp(v, float64(h-1))
	x0, y0 := int(u), int(v)
	x1, y1 := min(x0+1, w-1), min(y0+1, h-1)
	fx, fy := u-float64(x0), v-float64(y0)
	a := float64(rel[y0*w+x0])
	b := float64(rel[y0*w+x1])
	c := float64(rel[y1*w+x0])
	d := float64(rel[y1*w+x1])
	if edge > 0 {
		lo, hi := a, a
		for _, x := range [3]float64{b, c, d} {
			if x < lo {
				lo = x
			}
			if x > hi {
				hi = x
			}
		}
		if !(hi-lo <= edge) { // also refuses NaN
			return 0, false
		}
	}
	s := (a*(1-fx)+b*fx)*(1-fy) + (c*(1-fx)+d*fx)*fy
	if math.IsNaN(s) || math.IsInf(s, 0) {
		return 0, false
	}
	return s, true
}

// clamp limits x to [0, hi].
func clamp(x, hi float64) float64 {
	if x < 0 {
		return 0
	}
	if x > hi {
		return hi
	}
	return x
}
