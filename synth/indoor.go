package synth

import "math"

// indoorScene builds a closed room (floor, ceiling, four walls) lit by a
// ceiling lamp, with furniture-like props and a camera path inside it.
func indoorScene(pal palette) *Scene {
	w, d := pal.uniform(4, 12), pal.uniform(4, 12)
	h := pal.uniform(2.4, 4)
	s := &Scene{Indoor: true}
	floor := pickFloor(pal)
	wall := pal.texture(1.5)
	if pal.rng.Intn(2) == 0 {
		wall = Marble{A: pal.colour(0, 0.4, 0.6, 0.95), B: pal.colour(0, 0.4, 0.5, 0.9), Scale: 0.5, Seed: pal.rng.Uint64()}
	}
	ceiling := Solid{C: pal.colour(0, 0.15, 0.75, 0.95)}
	walls := []Plane{
		{N: Vec3{1, 0, 0}, Offset: -w / 2},
		{N: Vec3{-1, 0, 0}, Offset: -w / 2},
		{N: Vec3{0, 1, 0}, Offset: -d / 2},
		{N: Vec3{0, -1, 0}, Offset: -d / 2},
	}
	s.Objects = append(s.Objects,
		Object{Plane{N: Vec3{0, 0, 1}, Offset: 0}, floor},
		Object{Plane{N: Vec3{0, 0, -1}, Offset: -h}, ceiling},
	)
	for _, pl := range walls {
		tex := wall
		if pal.rng.Intn(4) == 0 {
			tex = pal.texture(1.5) // an accent wall
		}
		s.Objects = append(s.Objects, Object{pl, tex})
	}
	s.Path = randomPath(pal, w/2-0.9, d/2-0.9, 0.3, math.Min(1.7, h-0.5))
	s.Path.Omega = math.Copysign(2*math.Pi/pal.uniform(300, 700), s.Path.Omega)
	addProps(s, pal, 6+pal.rng.Intn(11), 0, 0, w/2-0.05, d/2-0.05, 1)
	s.Light = Light{
		Point: true,
		Pos:   Vec3{pal.uniform(-w/4, w/4), pal.uniform(-d/4, d/4), h - 0.3},
		Color: hsv(pal.uniform(0.05, 0.15), pal.uniform(0, 0.3), 1).Scale(pal.uniform(2.5, 5)),
	}
	s.Ambient = hsv(pal.uniform(0, 1), pal.uniform(0, 0.15), 1).Scale(pal.uniform(0.15, 0.35))
	return s
}

// pickFloor returns a floor texture: tiles, planks, stone or carpet.
func pickFloor(pal palette) Texture {
	a := pal.colour(0, 0.6, 0.3, 0.9)
	switch pal.rng.Intn(4) {
	case 0:
		return Checker{A: a, B: pal.colour(0, 0.6, 0.3, 0.9), Size: pal.uniform(0.3, 1)}
	case 1:
		wa := hsv(pal.uniform(0.05, 0.11), pal.uniform(0.4, 0.7), pal.uniform(0.4, 0.8))
		return Stripes{A: wa, B: pal.near(wa, 0.4), Axis: Vec3{1, 0, 0}, Width: pal.uniform(0.1, 0.25)}
	case 2:
		return Marble{A: a, B: pal.near(a, 0.7), Scale: pal.uniform(0.2, 1), Seed: pal.rng.Uint64()}
	default:
		return Bricks{Brick: a, Mortar: pal.colour(0, 0.1, 0.2, 0.6), W: pal.uniform(0.3, 0.8), H: pal.uniform(0.3, 0.8), Joint: 0.02, Seed: pal.rng.Uint64()}
	}
}

// randomPath draws an ellipse of half axes up to (rx, ry) and camera heights
// in [hLo, hHi].
func randomPath(pal palette, rx, ry, hLo, hHi float64) Path {
	rx, ry = math.Max(rx, 0.3), math.Max(ry, 0.3)
	dir := 1.0
	if pal.rng.Intn(2) == 0 {
		dir = -1
	}
	return Path{
		RadiusX: pal.uniform(0.3, 1) * rx, RadiusY: pal.uniform(0.3, 1) * ry,
		Phase: pal.uniform(0, 2*math.Pi), Omega: dir,
		Height: pal.uniform(hLo, hHi), HeightSway: pal.uniform(0, 0.1),
		Pitch: pal.uniform(-0.05, 0.4), PitchSway: pal.uniform(0, 0.12),
		// Mostly look toward the inside of the loop (left of the heading when
		// driving counter-clockwise), where the props are, not at the near wall.
		YawOffset: dir * pal.uniform(-0.3, 1.5), Pan: pal.uniform(0, 0.9), PanOmega: 2 * math.Pi / pal.uniform(80, 250),
	}
}
