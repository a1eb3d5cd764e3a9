package synth

// Marble mixes A and B by fractal value noise of feature size Scale.
type Marble struct {
	A, B  Vec3
	Scale float64
	Seed  uint64
}

// Albedo implements Texture.
func (m Marble) Albedo(p, _ Vec3) Vec3 {
	return m.A.Lerp(m.B, fbm(p.Scale(1/m.Scale), m.Seed))
}
