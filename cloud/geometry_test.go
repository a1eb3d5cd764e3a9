package cloud

import (
	"math"
	"testing"
)

// TestGeometry checks each point against the pinhole model in float64: it
// re-projects to its pixel, its z is the depth, and it agrees with
// depth_image_proc's formula to 1e-5 m.
func TestGeometry(t *testing.T) {
	const w, h = 64, 48
	in := frame(w, h, 0)
	k := Intrinsics{Fx: 52.5, Fy: 51.75, Cx: 31.2, Cy: 24.9}
	in.Intrinsics = k
	for v := range h {
		for u := range w {
			// A slanted plane with some ripple, 0.5..9 m.
			in.Depth[v*w+u] = float32(0.5 + 0.1*float64(u) + 0.03*float64(v) + 0.2*math.Sin(float64(u*v)))
		}
	}
	c, rep := build(t, Options{Stride: 1, Organized: true}, in)
	if rep.Points != w*h {
		t.Fatalf("kept %d of %d", rep.Points, w*h)
	}
	for v := range h {
		for u := range w {
			p := at(c, v*w+u)
			z := float64(in.Depth[v*w+u])
			x, y := (float64(u)-k.Cx)*z/k.Fx, (float64(v)-k.Cy)*z/k.Fy
			if d := math.Max(math.Abs(float64(p.X)-x), math.Max(math.Abs(float64(p.Y)-y), math.Abs(float64(p.Z)-z))); d > 1e-5 {
				t.Fatalf("(%d,%d): got (%g,%g,%g), want (%g,%g,%g)", u, v, p.X, p.Y, p.Z, x, y, z)
			}
			pu, pv := k.Fx*float64(p.X)/float64(p.Z)+k.Cx, k.Fy*float64(p.Y)/float64(p.Z)+k.Cy
			if math.Abs(pu-float64(u)) > 1e-3 || math.Abs(pv-float64(v)) > 1e-3 {
				t.Fatalf("(%d,%d) re-projects to (%g,%g)", u, v, pu, pv)
			}
		}
	}
}
