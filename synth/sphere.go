package synth

import "math"

// Sphere is a ball of radius R around C.
type Sphere struct {
	C Vec3
	R float64
}

// Bounds implements Shape.
func (s Sphere) Bounds() (Vec3, Vec3) {
	r := Vec3{s.R, s.R, s.R}
	return s.C.Sub(r), s.C.Add(r)
}

// Intersect implements Shape.
func (s Sphere) Intersect(o, d Vec3, tmax float64) (float64, Vec3, bool) {
	oc := o.Sub(s.C)
	b := oc.Dot(d)
	c := oc.Dot(oc) - s.R*s.R
	disc := b*b - c
	if disc < 0 {
		return 0, Vec3{}, false
	}
	sq := math.Sqrt(disc)
	t := -b - sq
	if t <= hitEpsilon {
		t = -b + sq
	}
	if t <= hitEpsilon || t >= tmax {
		return 0, Vec3{}, false
	}
	return t, o.Add(d.Scale(t)).Sub(s.C).Scale(1 / s.R), true
}
