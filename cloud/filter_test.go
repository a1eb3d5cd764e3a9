package cloud

import (
	"math"
	"testing"
)

func TestStrideAndOrganization(t *testing.T) {
	nan := float32(math.NaN())
	cases := []struct {
		name           string
		w, h, stride   int
		organized      bool
		invalid        []int // pixels set to NaN
		gw, gh, points int
	}{
		{"stride 1 dense", 7, 5, 1, false, nil, 35, 1, 35},
		{"stride 2 organised, odd size", 7, 5, 2, true, nil, 4, 3, 12},
		{"stride 2 dense", 7, 5, 2, false, nil, 12, 1, 12},
		{"stride 3 organised", 9, 6, 3, true, nil, 3, 2, 6},
		{"stride larger than the image", 3, 2, 4, true, nil, 1, 1, 1},
		{"NaN sampled pixel organised", 4, 4, 2, true, []int{2}, 2, 2, 3},
		{"NaN sampled pixel dense", 4, 4, 2, false, []int{2}, 3, 1, 3},
		{"NaN between samples is ignored", 4, 4, 2, false, []int{1}, 4, 1, 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := frame(c.w, c.h, 2)
			for _, i := range c.invalid {
				in.Depth[i] = nan
			}
			cl, rep := build(t, Options{Stride: c.stride, Organized: c.organized}, in)
			if int(cl.Width) != c.gw || int(cl.Height) != c.gh || rep.Points != c.points {
				t.Fatalf("%dx%d with %d points, want %dx%d with %d", cl.Width, cl.Height, rep.Points, c.gw, c.gh, c.points)
			}
			if cl.IsDense == c.organized {
				t.Errorf("is_dense %v for organized=%v", cl.IsDense, c.organized)
			}
			// Every point is either a sampled pixel's (its colour says which) or a NaN placeholder.
			gw := (c.w + c.stride - 1) / c.stride
			k := 0
			for v := 0; v < c.h; v += c.stride {
				for u := 0; u < c.w; u += c.stride {
					i := v*c.w + u
					valid := !math.IsNaN(float64(in.Depth[i]))
					if !valid && !c.organized {
						continue
					}
					p := at(cl, k)
					if c.organized && k != (v/c.stride)*gw+u/c.stride {
						t.Fatalf("grid index %d for pixel (%d,%d)", k, u, v)
					}
					switch {
					case valid && p.RGB != PackRGB(in.RGB[3*i], in.RGB[3*i+1], in.RGB[3*i+2]):
						t.Errorf("point %d has the colour of another pixel than (%d,%d)", k, u, v)
					case !valid && !(math.IsNaN(float64(p.X)) && math.IsNaN(float64(p.Y)) && math.IsNaN(float64(p.Z)) && math.IsNaN(float64(p.NZ))):
						t.Errorf("removed point %d = %+v, want NaN position and normal", k, p)
					}
					k++
				}
			}
			if k != cl.Len() {
				t.Errorf("walked %d points, cloud has %d", k, cl.Len())
			}
		})
	}
}

func TestInvalidDepth(t *testing.T) {
	in := frame(6, 1, 1)
	copy(in.Depth, []float32{float32(math.NaN()), 0, -1, float32(math.Inf(1)), float32(math.Inf(-1)), 1})
	_, rep := build(t, all(), in)
	if rep.Invalid != 5 || rep.Points != 1 || rep.Sampled() != 6 {
		t.Errorf("report %+v, want 5 invalid and 1 point", rep)
	}
}

// TestRangeAlongTheRay: the range is |X|, not z, so an off-axis pixel at the
// same z is farther.
func TestRangeAlongTheRay(t *testing.T) {
	const w = 201
	in := frame(w, 1, 4)
	in.Intrinsics = Intrinsics{Fx: 100, Fy: 100, Cx: 100, Cy: 0}
	// Pixel u lies at x = (u-100)/100*4 m, range 4*sqrt(1+((u-100)/100)^2).
	o := Options{Stride: 1, MinRange: 1, MaxRange: 5}
	c, rep := build(t, o, in)
	want := 0
	for u := range w {
		if r := 4 * math.Hypot(1, float64(u-100)/100); r <= 5 {
			want++
		}
	}
	if rep.Points != want || rep.OutOfRange != w-want {
		t.Fatalf("kept %d (out of range %d), want %d within 5 m", rep.Points, rep.OutOfRange, want)
	}
	for i := range c.Len() {
		p := at(c, i)
		if r := math.Sqrt(float64(p.X*p.X + p.Y*p.Y + p.Z*p.Z)); r > 5+1e-6 || r < 1 {
			t.Errorf("point at range %g kept", r)
		}
	}
	o.MinRange, o.MaxRange = 4.5, 0 // no upper limit
	_, rep = build(t, o, in)
	want = 0
	for u := range w {
		if r := 4 * math.Hypot(1, float64(u-100)/100); r >= 4.5 {
			want++
		}
	}
	if rep.Points != want || want == w || want == 0 {
		t.Errorf("min range 4.5 m kept %d, want %d", rep.Points, want)
	}
}

func TestWithoutColourOrNormals(t *testing.T) {
	in := frame(4, 3, 2)
	in.RGB, in.Normals = nil, nil
	c, rep := build(t, all(), in)
	if rep.Normals || rep.Color {
		t.Errorf("report says normals=%v colour=%v for an input with neither", rep.Normals, rep.Color)
	}
	if p := at(c, 5); p.NX != 0 || p.NY != 0 || p.NZ != 0 || p.RGB != 0 || p.Z != 2 {
		t.Errorf("point %+v, want zero normal and colour", p)
	}
	in = frame(4, 3, 2)
	if _, rep = build(t, all(), in); !rep.Normals || !rep.Color {
		t.Errorf("report %+v for an input with both", rep)
	}
}
