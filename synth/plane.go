package synth

import "math"

// Plane is the infinite plane {p : N.p = Offset}; rooms are built from six of
// them around the camera, which the renderer sees from the inside.
type Plane struct {
	// N is the unit normal.
	N Vec3
	// Offset is N.p for every point p of the plane.
	Offset float64
}

// Bounds implements Shape: a plane is unbounded.
func (pl Plane) Bounds() (Vec3, Vec3) {
	inf := math.Inf(1)
	return Vec3{-inf, -inf, -inf}, Vec3{inf, inf, inf}
}

// Intersect implements Shape.
func (pl Plane) Intersect(o, d Vec3, tmax float64) (float64, Vec3, bool) {
	den := pl.N.Dot(d)
	if den == 0 {
		return 0, Vec3{}, false
	}
	t := (pl.Offset - pl.N.Dot(o)) / den
	if t <= hitEpsilon || t >= tmax {
		return 0, Vec3{}, false
	}
	return t, pl.N, true
}
