package calib

import "math"

// Ray returns the direction, scaled to z = 1, that the camera images at
// pixel (u, v): the inverse of Project, so a point at z-depth d on it is
// d*ray. Unrectified, the distortion model is inverted by Newton's method
// (the forward model is what Project uses, so the two agree to rounding);
// rectified, P's left 3x3 (times R) is inverted and P's fourth column, the
// stereo baseline term, is ignored: this is a monocular camera. It reports
// false where no ray within the model's valid radius maps to (u, v).
func (c *Camera) Ray(u, v float64) (Vec3, bool) {
	if c.rectified {
		m := &c.p
		// Cramer's rule on M r = (u, v, 1).
		a, b, e := Vec3{m[0], m[4], m[8]}, Vec3{m[1], m[5], m[9]}, Vec3{m[2], m[6], m[10]}
		q := Vec3{u, v, 1}
		det := dot3(a, cross3(b, e))
		if !(math.Abs(det) > 1e-300) {
			return Vec3{}, false
		}
		r := Vec3{dot3(q, cross3(b, e)) / det, dot3(a, cross3(q, e)) / det, dot3(a, cross3(b, q)) / det}
		if !(r.Z > 0) {
			return Vec3{}, false
		}
		return Vec3{r.X / r.Z, r.Y / r.Z, 1}, true
	}
	yd := (v - c.cy) / c.fy
	xd := (u - c.cx - c.skew*yd) / c.fx
	if c.dist.none {
		return Vec3{xd, yd, 1}, xd*xd+yd*yd <= c.maxR2
	}
	a, b := xd, yd
	fwd := func(a, b float64) (float64, float64) { return c.dist.apply(a, b, a*a+b*b) }
	const h = 1e-7 // numerical Jacobian step, in normalised units
	for i := 0; i < 50; i++ {
		x, y := fwd(a, b)
		ex, ey := x-xd, y-yd
		if math.Abs(ex)+math.Abs(ey) < 1e-14 {
			return Vec3{a, b, 1}, a*a+b*b <= c.maxR2
		}
		xa, ya := fwd(a+h, b)
		xb, yb := fwd(a, b+h)
		j00, j01, j10, j11 := (xa-x)/h, (xb-x)/h, (ya-y)/h, (yb-y)/h
		det := j00*j11 - j01*j10
		if !(math.Abs(det) > 1e-12) {
			return Vec3{}, false
		}
		a -= (j11*ex - j01*ey) / det
		b -= (-j10*ex + j00*ey) / det
		if !(a*a+b*b <= 4*c.maxR2) { // diverging past the valid radius
			return Vec3{}, false
		}
	}
	return Vec3{}, false
}

func dot3(a, b Vec3) float64 { return a.X*b.X + a.Y*b.Y + a.Z*b.Z }

func cross3(a, b Vec3) Vec3 {
	return Vec3{a.Y*b.Z - a.Z*b.Y, a.Z*b.X - a.X*b.Z, a.X*b.Y - a.Y*b.X}
}
