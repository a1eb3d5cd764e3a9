package synth

import "math"

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
