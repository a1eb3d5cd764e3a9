package synth

import "math"

// outdoorScene builds a yard closed by buildings on four sides under an open
// sky and the sun, with trees and props, and a camera path inside it.
func outdoorScene(pal palette) *Scene {
	lx, ly := pal.uniform(8, 22), pal.uniform(8, 22)
	s := &Scene{}
	var ground Texture
	switch pal.rng.Intn(3) {
	case 0: // grass
		g := hsv(pal.uniform(0.2, 0.33), pal.uniform(0.4, 0.8), pal.uniform(0.3, 0.6))
		ground = Marble{A: g, B: pal.near(g, 0.7), Scale: pal.uniform(0.3, 2), Seed: pal.rng.Uint64()}
	case 1: // paving
		ground = Bricks{Brick: pal.colour(0, 0.3, 0.4, 0.8), Mortar: pal.colour(0, 0.1, 0.2, 0.4), W: pal.uniform(0.8, 2), H: pal.uniform(0.5, 1.2), Joint: 0.06, Seed: pal.rng.Uint64()}
	default: // asphalt or sand
		ground = Marble{A: pal.colour(0, 0.4, 0.2, 0.8), B: pal.colour(0, 0.2, 0.1, 0.6), Scale: pal.uniform(0.05, 0.4), Seed: pal.rng.Uint64()}
	}
	s.Objects = append(s.Objects, Object{Plane{N: Vec3{0, 0, 1}, Offset: 0}, ground})
	// Buildings: one long block per side, their fronts on the yard's edge.
	for side := 0; side < 4; side++ {
		height := pal.uniform(4, 16)
		depth := 5.0
		var c, half Vec3
		switch side {
		case 0:
			c, half = Vec3{lx + depth, 0, height / 2}, Vec3{depth, ly + 2*depth, height / 2}
		case 1:
			c, half = Vec3{-lx - depth, 0, height / 2}, Vec3{depth, ly + 2*depth, height / 2}
		case 2:
			c, half = Vec3{0, ly + depth, height / 2}, Vec3{lx + 2*depth, depth, height / 2}
		default:
			c, half = Vec3{0, -ly - depth, height / 2}, Vec3{lx + 2*depth, depth, height / 2}
		}
		// Storey-sized panels and window bands: brick-sized detail would
		// alias into noise at tens of metres with one ray per pixel.
		facade := Texture(Bricks{Brick: pal.colour(0, 0.6, 0.3, 0.9), Mortar: pal.colour(0, 0.3, 0.1, 0.5), W: pal.uniform(1.5, 4), H: pal.uniform(1, 3), Joint: pal.uniform(0.15, 0.4), Seed: pal.rng.Uint64()})
		if pal.rng.Intn(2) == 0 {
			// Floors of windows as horizontal bands.
			facade = Stripes{A: pal.colour(0, 0.4, 0.5, 0.95), B: pal.colour(0.2, 0.5, 0.1, 0.3), Axis: Vec3{0, 0, 1}, Width: pal.uniform(0.8, 1.6)}
		}
		s.Objects = append(s.Objects, Object{NewBox(c, half, 0), facade})
	}
	s.Path = randomPath(pal, lx-3, ly-3, 0.4, 1.8)
	s.Path.Pitch = pal.uniform(0, 0.25)
	s.Path.Omega = math.Copysign(2*math.Pi/pal.uniform(900, 2000), s.Path.Omega)
	addTrees(s, pal, pal.rng.Intn(8), lx-1, ly-1)
	addProps(s, pal, 12+pal.rng.Intn(20), 0, 0, lx-0.2, ly-0.2, pal.uniform(1, 2.5))
	elev := pal.uniform(0.3, 1.2)
	az := pal.uniform(0, 2*math.Pi)
	s.Light = Light{
		Dir:   Vec3{math.Cos(elev) * math.Cos(az), math.Cos(elev) * math.Sin(az), math.Sin(elev)},
		Color: hsv(pal.uniform(0.08, 0.14), pal.uniform(0, 0.25), 1).Scale(pal.uniform(1.6, 2.6)),
	}
	s.Ambient = hsv(pal.uniform(0.55, 0.62), pal.uniform(0.1, 0.35), 1).Scale(pal.uniform(0.25, 0.45))
	s.SkyZenith = hsv(pal.uniform(0.55, 0.65), pal.uniform(0.3, 0.7), pal.uniform(0.7, 1))
	s.SkyHorizon = hsv(pal.uniform(0.5, 0.65), pal.uniform(0, 0.25), pal.uniform(0.85, 1))
	return s
}

// addTrees plants trees (trunk cylinder, sphere crown) in the yard.
func addTrees(s *Scene, pal palette, n int, hx, hy float64) {
	for tries := 0; n > 0 && tries < 30*n; tries++ {
		x, y := pal.uniform(-hx, hx), pal.uniform(-hy, hy)
		crown := pal.uniform(0.8, 2.2)
		if !clearOfPath(s.Path, x, y, crown, 0.5) {
			continue
		}
		trunk := pal.uniform(1.5, 3.5)
		bark := hsv(pal.uniform(0.05, 0.1), pal.uniform(0.3, 0.6), pal.uniform(0.2, 0.45))
		leaf := hsv(pal.uniform(0.18, 0.38), pal.uniform(0.4, 0.9), pal.uniform(0.25, 0.6))
		s.Objects = append(s.Objects,
			Object{Cylinder{X: x, Y: y, Z0: 0, Z1: trunk + crown*0.5, R: pal.uniform(0.1, 0.3)}, Wood{A: bark, B: pal.near(bark, 0.5), Centre: Vec3{x, y, 0}, Ring: 0.05, Seed: pal.rng.Uint64()}},
			Object{Sphere{C: Vec3{x, y, trunk + crown}, R: crown}, Marble{A: leaf, B: pal.near(leaf, 0.8), Scale: 0.25, Seed: pal.rng.Uint64()}},
		)
		n--
	}
}
