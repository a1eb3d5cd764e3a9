package synth

import "math"

// Wood draws growth rings of spacing Ring around a vertical line through
// Centre, wobbled by noise.
type Wood struct {
	A, B   Vec3
	Centre Vec3
	Ring   float64
	Seed   uint64
}

// Albedo implements Texture.
func (w Wood) Albedo(p, _ Vec3) Vec3 {
	dx, dy := p.X-w.Centre.X, p.Y-w.Centre.Y
	r := math.Sqrt(dx*dx+dy*dy)/w.Ring + 0.8*valueNoise(p.Scale(1/(3*w.Ring)), w.Seed)
	f := r - math.Floor(r)
	return w.A.Lerp(w.B, f*f)
}
