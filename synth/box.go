package synth

import "math"

// Box is a cuboid turned about the vertical (world z) axis; build it with NewBox.
type Box struct {
	// C is the centre, Half the half extents along the box's own axes.
	C, Half Vec3
	// Yaw is the turn about world z (radians).
	Yaw float64
	// sin and cos of Yaw, computed once: the slab test runs per ray.
	s, c float64
}

// NewBox returns the box with centre c and half extents half, turned by yaw radians.
func NewBox(c, half Vec3, yaw float64) Box {
	s, co := math.Sincos(yaw)
	return Box{C: c, Half: half, Yaw: yaw, s: s, c: co}
}

// Bounds implements Shape.
func (b Box) Bounds() (Vec3, Vec3) {
	ex := math.Abs(b.c)*b.Half.X + math.Abs(b.s)*b.Half.Y
	ey := math.Abs(b.s)*b.Half.X + math.Abs(b.c)*b.Half.Y
	e := Vec3{ex, ey, b.Half.Z}
	return b.C.Sub(e), b.C.Add(e)
}

// Intersect implements Shape with the slab test in the box's own frame.
func (b Box) Intersect(o, d Vec3, tmax float64) (float64, Vec3, bool) {
	s, c := b.s, b.c
	// Rotate by -Yaw into the box frame.
	rel := o.Sub(b.C)
	lo := [3]float64{c*rel.X + s*rel.Y, -s*rel.X + c*rel.Y, rel.Z}
	ld := [3]float64{c*d.X + s*d.Y, -s*d.X + c*d.Y, d.Z}
	h := [3]float64{b.Half.X, b.Half.Y, b.Half.Z}
	tnear, tfar := math.Inf(-1), math.Inf(1)
	nearAxis, farAxis := -1, -1
	for i := 0; i < 3; i++ {
		if ld[i] == 0 {
			if lo[i] < -h[i] || lo[i] > h[i] {
				return 0, Vec3{}, false
			}
			continue
		}
		inv := 1 / ld[i]
		t1 := (-h[i] - lo[i]) * inv
		t2 := (h[i] - lo[i]) * inv
		if t1 > t2 {
			t1, t2 = t2, t1
		}
		if t1 > tnear {
			tnear, nearAxis = t1, i
		}
		if t2 < tfar {
			tfar, farAxis = t2, i
		}
		if tnear > tfar || tfar <= hitEpsilon || tnear >= tmax {
			return 0, Vec3{}, false
		}
	}
	t, axis := tnear, nearAxis
	if t <= hitEpsilon {
		t, axis = tfar, farAxis
	}
	if t <= hitEpsilon || t >= tmax || axis < 0 {
		return 0, Vec3{}, false
	}
	var ln [3]float64
	if lo[axis]+t*ld[axis] > 0 {
		ln[axis] = 1
	} else {
		ln[axis] = -1
	}
	// Back to the world frame (rotate by +Yaw).
	return t, Vec3{c*ln[0] - s*ln[1], s*ln[0] + c*ln[1], ln[2]}, true
}
