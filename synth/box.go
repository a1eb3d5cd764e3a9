package synth

import "math"

// Box is a cuboid with centre C and half extents Half, turned by Yaw radians
// about the vertical (world z) axis.
type Box struct {
	C    Vec3
	Half Vec3
	Yaw  float64
}

// Intersect implements Shape with the slab test in the box's own frame.
func (b Box) Intersect(o, d Vec3, tmax float64) (float64, Vec3, bool) {
	s, c := math.Sincos(b.Yaw)
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
		t1 := (-h[i] - lo[i]) / ld[i]
		t2 := (h[i] - lo[i]) / ld[i]
		if t1 > t2 {
			t1, t2 = t2, t1
		}
		if t1 > tnear {
			tnear, nearAxis = t1, i
		}
		if t2 < tfar {
			tfar, farAxis = t2, i
		}
		if tnear > tfar {
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
