package synth

import (
	"math"
	"testing"
)

// TestShapesIntersect checks each primitive against hand-solved hits.
func TestShapesIntersect(t *testing.T) {
	s2 := math.Sqrt(0.5)
	cases := []struct {
		name  string
		shape Shape
		o, d  Vec3
		hit   bool
		t     float64
		n     Vec3
	}{
		{"plane floor from above", Plane{N: Vec3{0, 0, 1}}, Vec3{0, 0, 2}, Vec3{0, 0, -1}, true, 2, Vec3{0, 0, 1}},
		{"plane parallel ray", Plane{N: Vec3{0, 0, 1}}, Vec3{0, 0, 2}, Vec3{1, 0, 0}, false, 0, Vec3{}},
		{"plane behind", Plane{N: Vec3{0, 0, 1}}, Vec3{0, 0, 2}, Vec3{0, 0, 1}, false, 0, Vec3{}},
		{"sphere front", Sphere{C: Vec3{5, 0, 0}, R: 1}, Vec3{}, Vec3{1, 0, 0}, true, 4, Vec3{-1, 0, 0}},
		{"sphere from inside", Sphere{C: Vec3{0, 0, 0}, R: 2}, Vec3{}, Vec3{0, 1, 0}, true, 2, Vec3{0, 1, 0}},
		{"sphere miss", Sphere{C: Vec3{5, 2, 0}, R: 1}, Vec3{}, Vec3{1, 0, 0}, false, 0, Vec3{}},
		{"box axis aligned", NewBox(Vec3{5, 0, 0}, Vec3{1, 2, 3}, 0), Vec3{}, Vec3{1, 0, 0}, true, 4, Vec3{-1, 0, 0}},
		{"box top", NewBox(Vec3{0, 0, 1}, Vec3{1, 1, 1}, 0.3), Vec3{0, 0, 5}, Vec3{0, 0, -1}, true, 3, Vec3{0, 0, 1}},
		// A unit-half cube turned 45 degrees presents its edge at x = 5 - sqrt(2).
		{"box turned 45 edge-on", NewBox(Vec3{5, 0, 0}, Vec3{1, 1, 1}, math.Pi/4), Vec3{0, 0.5, 0}, Vec3{1, 0, 0}, true, 5 - math.Sqrt2 + 0.5, Vec3{-s2, s2, 0}},
		{"box miss above", NewBox(Vec3{5, 0, 0}, Vec3{1, 1, 1}, 0), Vec3{0, 0, 1.5}, Vec3{1, 0, 0}, false, 0, Vec3{}},
		{"cylinder side", Cylinder{X: 4, Y: 0, Z0: 0, Z1: 2, R: 0.5}, Vec3{0, 0, 1}, Vec3{1, 0, 0}, true, 3.5, Vec3{-1, 0, 0}},
		{"cylinder cap", Cylinder{X: 0, Y: 0, Z0: 0, Z1: 2, R: 0.5}, Vec3{0.2, 0, 5}, Vec3{0, 0, -1}, true, 3, Vec3{0, 0, 1}},
		{"cylinder over the top", Cylinder{X: 4, Y: 0, Z0: 0, Z1: 2, R: 0.5}, Vec3{0, 0, 2.5}, Vec3{1, 0, 0}, false, 0, Vec3{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := c.d.Unit()
			tt, n, ok := c.shape.Intersect(c.o, d, math.Inf(1))
			if ok != c.hit {
				t.Fatalf("hit = %v, want %v", ok, c.hit)
			}
			if !ok {
				return
			}
			if math.Abs(tt-c.t) > 1e-9 {
				t.Errorf("t = %.12f, want %.12f", tt, c.t)
			}
			if n.Sub(c.n).Norm() > 1e-9 {
				t.Errorf("normal = %v, want %v", n, c.n)
			}
			// The hit must lie inside the shape's declared bounds.
			lo, hi := c.shape.Bounds()
			p := c.o.Add(d.Scale(tt))
			if p.X < lo.X-1e-9 || p.Y < lo.Y-1e-9 || p.Z < lo.Z-1e-9 || p.X > hi.X+1e-9 || p.Y > hi.Y+1e-9 || p.Z > hi.Z+1e-9 {
				t.Errorf("hit %v outside bounds %v..%v", p, lo, hi)
			}
			// tmax just short of the hit must hide it.
			if _, _, ok := c.shape.Intersect(c.o, d, tt-1e-6); ok {
				t.Errorf("hit reported beyond tmax")
			}
		})
	}
}
