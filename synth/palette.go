package synth

import (
	"math"
	"math/rand"
)

// palette draws random colours and textures for the scene generator.
type palette struct{ rng *rand.Rand }

// hsv converts hue [0,1), saturation and value to linear RGB.
func hsv(h, s, v float64) Vec3 {
	h = (h - math.Floor(h)) * 6
	i := math.Floor(h)
	f := h - i
	p, q, t := v*(1-s), v*(1-s*f), v*(1-s*(1-f))
	var c Vec3
	switch int(i) {
	case 0:
		c = Vec3{v, t, p}
	case 1:
		c = Vec3{q, v, p}
	case 2:
		c = Vec3{p, v, t}
	case 3:
		c = Vec3{p, q, v}
	case 4:
		c = Vec3{t, p, v}
	default:
		c = Vec3{v, p, q}
	}
	// sRGB-ish picks to linear, so chosen colours look as intended on screen.
	return Vec3{math.Pow(c.X, 2.2), math.Pow(c.Y, 2.2), math.Pow(c.Z, 2.2)}
}

func (p palette) uniform(lo, hi float64) float64 { return lo + (hi-lo)*p.rng.Float64() }

// colour returns a random colour with saturation and value in the ranges.
func (p palette) colour(sLo, sHi, vLo, vHi float64) Vec3 {
	return hsv(p.rng.Float64(), p.uniform(sLo, sHi), p.uniform(vLo, vHi))
}

// near returns a colour close to c (a second tone of the same material).
func (p palette) near(c Vec3, k float64) Vec3 {
	return Vec3{c.X * p.uniform(1-k, 1+k/2), c.Y * p.uniform(1-k, 1+k/2), c.Z * p.uniform(1-k, 1+k/2)}
}

// texture returns one of the procedural textures with random parameters;
// scale is the object's size, so patterns stay visible on small and large things.
func (p palette) texture(scale float64) Texture {
	a := p.colour(0.1, 0.9, 0.35, 0.95)
	b := p.near(a, 0.6)
	if p.rng.Intn(3) == 0 {
		b = p.colour(0, 0.8, 0.2, 0.95)
	}
	seed := p.rng.Uint64()
	switch p.rng.Intn(6) {
	case 0:
		return Solid{C: a}
	case 1:
		return Checker{A: a, B: b, Size: scale * p.uniform(0.1, 0.4)}
	case 2:
		axis := Vec3{p.uniform(-1, 1), p.uniform(-1, 1), p.uniform(-1, 1)}.Unit()
		return Stripes{A: a, B: b, Axis: axis, Width: scale * p.uniform(0.05, 0.25)}
	case 3:
		return Marble{A: a, B: b, Scale: scale * p.uniform(0.1, 0.5), Seed: seed}
	case 4:
		wa := hsv(p.uniform(0.05, 0.11), p.uniform(0.4, 0.7), p.uniform(0.35, 0.75))
		return Wood{A: wa, B: p.near(wa, 0.5), Ring: scale * p.uniform(0.03, 0.1), Seed: seed}
	default:
		return Bricks{Brick: a, Mortar: p.colour(0, 0.1, 0.6, 0.9), W: scale * 0.3, H: scale * 0.12, Joint: scale * 0.015, Seed: seed}
	}
}
