package synth

// Plane is the infinite plane {p : N.p = Offset}; rooms are built from six of
// them around the camera, which the renderer sees from the inside.
type Plane struct {
	// N is the unit normal.
	N Vec3
	// Offset is N.p for every point p of the plane.
	Offset float64
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
