package synth

import "math"

// addProps scatters n furniture-like objects on the ground (z = 0) inside
// the rectangle |x-cx| < hx, |y-cy| < hy, clear of the camera path; size
// scales them (1 indoors, larger outdoors).
func addProps(s *Scene, pal palette, n int, cx, cy, hx, hy, size float64) {
	var placed []footprint
	for tries := 0; len(placed) < n && tries < 40*n; tries++ {
		x := cx + pal.uniform(-hx, hx)
		y := cy + pal.uniform(-hy, hy)
		kind := pal.rng.Intn(10)
		var r float64
		switch {
		case kind < 4: // box: cabinet, crate, table block
			r = size * pal.uniform(0.2, 0.8)
		case kind < 6: // sphere resting on the ground
			r = size * pal.uniform(0.15, 0.5)
		case kind < 8: // barrel or column
			r = size * pal.uniform(0.1, 0.4)
		default: // table: top slab on four legs
			r = size * pal.uniform(0.4, 0.8)
		}
		if math.Abs(x-cx)+r > hx || math.Abs(y-cy)+r > hy ||
			!clearOfPath(s.Path, x, y, r, 0.45) || overlaps(placed, x, y, r) {
			continue
		}
		placed = append(placed, footprint{x, y, r})
		tex := pal.texture(size)
		switch {
		case kind < 4:
			// The box's half diagonal stays within r.
			a := pal.uniform(0.3, 0.7) * r
			b := math.Sqrt(r*r - a*a)
			h := size * pal.uniform(0.2, 1.1)
			yaw := 0.0
			if pal.rng.Intn(2) == 0 {
				yaw = pal.uniform(0, math.Pi)
			}
			s.Objects = append(s.Objects, Object{NewBox(Vec3{x, y, h}, Vec3{a, b, h}, yaw), tex})
			if pal.rng.Intn(3) == 0 {
				// Something standing on top, for occlusion and depth ordering.
				rr := math.Min(a, b) * pal.uniform(0.4, 0.9)
				s.Objects = append(s.Objects, Object{Sphere{C: Vec3{x, y, 2*h + rr}, R: rr}, pal.texture(size)})
			}
		case kind < 6:
			s.Objects = append(s.Objects, Object{Sphere{C: Vec3{x, y, r}, R: r}, tex})
		case kind < 8:
			h := size * pal.uniform(0.4, 2.0)
			s.Objects = append(s.Objects, Object{Cylinder{X: x, Y: y, Z0: 0, Z1: h, R: r}, tex})
		default:
			a := r * 0.7
			h := size * pal.uniform(0.45, 0.9)
			yaw := pal.uniform(0, math.Pi)
			s.Objects = append(s.Objects, Object{NewBox(Vec3{x, y, h - 0.025*size}, Vec3{a, a * pal.uniform(0.5, 1), 0.025 * size}, yaw), tex})
			legTex := pal.texture(size)
			sy, cyw := math.Sincos(yaw)
			for _, c := range [4][2]float64{{1, 1}, {1, -1}, {-1, 1}, {-1, -1}} {
				lx, ly := c[0]*a*0.85, c[1]*a*0.85*0.5
				s.Objects = append(s.Objects, Object{Cylinder{
					X: x + cyw*lx - sy*ly, Y: y + sy*lx + cyw*ly, Z0: 0, Z1: h - 0.05*size, R: 0.03 * size,
				}, legTex})
			}
		}
	}
}
