package cloud

import (
	"fmt"
	"testing"
)

// Labels of the synthetic edge scene.
const (
	wall = iota
	box
	smear
)

// boxScene is a fronto-parallel box 2 m away in front of a wall tilted by
// about 31 degrees (x*0.6 + z = 4), with the depth across the box's outline
// smeared over s pixels, linearly from the box to the wall, as monocular
// models blur a discontinuity. It returns the input and each pixel's label.
func boxScene(s int) (*Input, []int) {
	const w, h, u0, v0, u1, v1 = 160, 120, 60, 40, 100, 80
	in := frame(w, h, 0)
	in.Intrinsics = Intrinsics{Fx: 150, Fy: 150, Cx: 80, Cy: 60}
	label := make([]int, w*h)
	for v := range h {
		for u := range w {
			wallZ := 4 / (1 + 0.6*(float64(u)-in.Intrinsics.Cx)/in.Intrinsics.Fx)
			// Chebyshev distance in pixels from the box.
			dist := max(u0-u, u-(u1-1), v0-v, v-(v1-1), 0)
			z, l := wallZ, wall
			switch {
			case dist == 0:
				z, l = 2, box
			case dist <= s:
				z, l = 2+(wallZ-2)*float64(dist)/float64(s+1), smear
			}
			in.Depth[v*w+u], label[v*w+u] = float32(z), l
		}
	}
	return in, label
}

// TestEdgeFilterRemovesFlyingPixels: every smeared pixel goes, the surfaces
// stay but for the one line of pixels touching the smear (a local test
// cannot tell the last good pixel from the first flying one).
func TestEdgeFilterRemovesFlyingPixels(t *testing.T) {
	for _, s := range []int{1, 3, 5} {
		t.Run(fmt.Sprintf("smeared over %d px", s), func(t *testing.T) {
			in, label := boxScene(s)
			w, h := in.Width, in.Height
			var count, border [3]int
			for v := range h {
				for u := range w {
					l := label[v*w+u]
					count[l]++
					for _, n := range [][2]int{{u - 1, v}, {u + 1, v}, {u, v - 1}, {u, v + 1}} {
						if n[0] >= 0 && n[0] < w && n[1] >= 0 && n[1] < h && label[n[1]*w+n[0]] != l {
							border[l]++
							break
						}
					}
				}
			}
			o := Options{Stride: 1, Organized: true, EdgeThreshold: 0.05}
			c, rep := build(t, o, in)
			var kept [3]int
			for i := range c.Len() {
				if p := at(c, i); p.Z == p.Z {
					kept[label[i]]++
				}
			}
			t.Logf("box %d kept of %d, wall %d of %d, smear %d of %d", kept[box], count[box], kept[wall], count[wall], kept[smear], count[smear])
			if kept[smear] != 0 {
				t.Errorf("%d of %d flying pixels kept", kept[smear], count[smear])
			}
			for _, l := range []int{box, wall} {
				if kept[l] != count[l]-border[l] {
					t.Errorf("surface %d: kept %d of %d, want all but the %d touching the smear", l, kept[l], count[l], border[l])
				}
			}
			if rep.Edge != count[smear]+border[box]+border[wall] || rep.Points != kept[box]+kept[wall] {
				t.Errorf("report %+v", rep)
			}
			// Off, everything stays.
			if _, rep = build(t, Options{Stride: 1}, in); rep.Points != w*h || rep.Edge != 0 {
				t.Errorf("threshold 0: report %+v", rep)
			}
		})
	}
}
