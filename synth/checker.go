package synth

import "math"

// Checker alternates A and B on squares of side Size laid on the surface's
// own plane (the two world axes other than the normal's dominant one), so
// floors and walls get clean squares.
type Checker struct {
	A, B Vec3
	Size float64
}

// Albedo implements Texture.
func (c Checker) Albedo(p, n Vec3) Vec3 {
	u, v := tangentCoords(p, n)
	if (int64(math.Floor(u/c.Size))+int64(math.Floor(v/c.Size)))&1 == 0 {
		return c.A
	}
	return c.B
}
