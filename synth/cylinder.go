package synth

import "math"

// Cylinder is an upright capped cylinder: axis through (X, Y) along world z,
// from Z0 to Z1, radius R.
type Cylinder struct {
	X, Y   float64
	Z0, Z1 float64
	R      float64
}

// Bounds implements Shape.
func (cy Cylinder) Bounds() (Vec3, Vec3) {
	return Vec3{cy.X - cy.R, cy.Y - cy.R, cy.Z0}, Vec3{cy.X + cy.R, cy.Y + cy.R, cy.Z1}
}

// Intersect implements Shape: the side wall, then the two caps.
func (cy Cylinder) Intersect(o, d Vec3, tmax float64) (float64, Vec3, bool) {
	best, bestN, found := tmax, Vec3{}, false
	ox, oy := o.X-cy.X, o.Y-cy.Y
	a := d.X*d.X + d.Y*d.Y
	if a > 0 {
		b := ox*d.X + oy*d.Y
		c := ox*ox + oy*oy - cy.R*cy.R
		disc := b*b - a*c
		if disc >= 0 {
			sq := math.Sqrt(disc)
			for _, t := range [2]float64{(-b - sq) / a, (-b + sq) / a} {
				if t <= hitEpsilon || t >= best {
					continue
				}
				z := o.Z + t*d.Z
				if z < cy.Z0 || z > cy.Z1 {
					continue
				}
				best, found = t, true
				bestN = Vec3{(ox + t*d.X) / cy.R, (oy + t*d.Y) / cy.R, 0}
				break
			}
		}
	}
	if d.Z != 0 {
		for _, cap := range [2]struct{ z, nz float64 }{{cy.Z1, 1}, {cy.Z0, -1}} {
			t := (cap.z - o.Z) / d.Z
			if t <= hitEpsilon || t >= best {
				continue
			}
			x, y := ox+t*d.X, oy+t*d.Y
			if x*x+y*y <= cy.R*cy.R {
				best, bestN, found = t, Vec3{0, 0, cap.nz}, true
			}
		}
	}
	return best, bestN, found
}
