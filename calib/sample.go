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
	u = math.Min(math.Max(u, 0), float64(w-1))
	v = math.Min(math.Max(v, 0), float64(h-1))
	x0, y0 := int(u), int(v)
	x1, y1 := min(x0+1, w-1), min(y0+1, h-1)
	fx, fy := u-float64(x0), v-float64(y0)
	a := float64(rel[y0*w+x0])
	b := float64(rel[y0*w+x1])
	c := float64(rel[y1*w+x0])
	d := float64(rel[y1*w+x1])
	if edge > 0 {
		lo := math.Min(math.Min(a, b), math.Min(c, d))
		hi := math.Max(math.Max(a, b), math.Max(c, d))
		if !(hi-lo <= edge) {
			return 0, false
		}
	}
	s := (a*(1-fx)+b*fx)*(1-fy) + (c*(1-fx)+d*fx)*fy
	if math.IsNaN(s) || math.IsInf(s, 0) {
		return 0, false
	}
	return s, true
}
