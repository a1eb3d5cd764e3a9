package synth

import "math"

// Stripes alternates A and B in bands of width Width across direction Axis.
type Stripes struct {
	A, B  Vec3
	Axis  Vec3
	Width float64
}

// Albedo implements Texture.
func (s Stripes) Albedo(p, _ Vec3) Vec3 {
	if int64(math.Floor(p.Dot(s.Axis)/s.Width))&1 == 0 {
		return s.A
	}
	return s.B
}
