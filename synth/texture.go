package synth

import "math"

// Texture gives a surface's linear-RGB albedo at world point p with outward
// normal n; procedural, so monocular cues (perspective of a pattern,
// texture gradients) exist without image files.
type Texture interface {
	Albedo(p, n Vec3) Vec3
}

// Solid is a single colour.
type Solid struct{ C Vec3 }

// Albedo implements Texture.
func (s Solid) Albedo(Vec3, Vec3) Vec3 { return s.C }

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

// Bricks lays bricks W wide and H high with mortar joints of width Joint on
// the surface's plane, every other course shifted by half a brick.
type Bricks struct {
	Brick, Mortar Vec3
	W, H, Joint   float64
	Seed          uint64
}

// Albedo implements Texture.
func (b Bricks) Albedo(p, n Vec3) Vec3 {
	u, v := tangentCoords(p, n)
	row := math.Floor(v / b.H)
	if int64(row)&1 != 0 {
		u += b.W / 2
	}
	col := math.Floor(u / b.W)
	fu, fv := u-col*b.W, v-row*b.H
	if fu < b.Joint || fv < b.Joint {
		return b.Mortar
	}
	// Each brick a slightly different shade, like fired clay.
	k := 0.8 + 0.4*hash01(int64(col), int64(row), 7, b.Seed)
	return b.Brick.Scale(k)
}

// tangentCoords returns two coordinates of p in the plane most nearly
// perpendicular to n (dropping n's dominant axis), with the vertical axis
// second when the surface is a wall.
func tangentCoords(p, n Vec3) (float64, float64) {
	ax, ay, az := math.Abs(n.X), math.Abs(n.Y), math.Abs(n.Z)
	switch {
	case az >= ax && az >= ay:
		return p.X, p.Y
	case ax >= ay:
		return p.Y, p.Z
	default:
		return p.X, p.Z
	}
}
