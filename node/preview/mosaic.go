package preview

import (
	"math"
	"slices"

	"github.com/depthnode/depthnode/stream"
)

// mosaic keeps each camera's latest preview frame and stacks them into one, a tile row per
// camera, so one page and one video show every camera the node serves. A row is each camera's
// image scaled (nearest pixel) to the first camera's width; a camera without an output (no
// metric fit yet) leaves that part of its row black.
type mosaic struct {
	order []string // cameras in the order first seen
	last  map[string]*stream.Frame
}

// add stores cam's frame and returns the stacked frame of every camera seen so far.
func (m *mosaic) add(cam string, fr *stream.Frame) *stream.Frame {
	if m.last == nil {
		m.last = map[string]*stream.Frame{}
	}
	if _, seen := m.last[cam]; !seen {
		m.order = append(m.order, cam)
	}
	m.last[cam] = fr
	w := m.last[m.order[0]].Width
	out := &stream.Frame{Stamp: fr.Stamp, Width: w, Stats: fr.Stats, Rows: slices.Clone(m.order)}
	heights := make([]int, len(m.order))
	var has struct{ rgb, depth, normals, metric bool }
	for i, c := range m.order {
		f := m.last[c]
		heights[i] = max(1, f.Height*w/max(f.Width, 1))
		out.Height += heights[i]
		has.rgb = has.rgb || f.RGB != nil
		has.depth = has.depth || f.Depth != nil
		has.normals = has.normals || f.Normals != nil
		has.metric = has.metric || f.Metric != nil
	}
	n := w * out.Height
	if has.rgb {
		out.RGB = make([]byte, 3*n)
	}
	if has.depth {
		out.Depth = filled(n, 0)
	}
	if has.normals {
		out.Normals = filled(3*n, 0)
	}
	if has.metric {
		out.Metric = filled(n, float32(math.NaN()))
	}
	y0 := 0
	for i, c := range m.order {
		f, h := m.last[c], heights[i]
		off := y0 * w
		if f.RGB != nil && out.RGB != nil {
			scaleBytes(out.RGB[3*off:], w, h, f.RGB, f.Width, f.Height)
		}
		scaleFloats(out.Depth, off, 1, w, h, f.Depth, f.Width, f.Height)
		scaleFloats(out.Normals, off, 3, w, h, f.Normals, f.Width, f.Height)
		scaleFloats(out.Metric, off, 1, w, h, f.Metric, f.Width, f.Height)
		y0 += h
	}
	return out
}

func filled(n int, v float32) []float32 {
	s := make([]float32, n)
	if v != 0 {
		for i := range s {
			s[i] = v
		}
	}
	return s
}

// scaleBytes writes src (sw x sh packed RGB) scaled to w x h into dst.
func scaleBytes(dst []byte, w, h int, src []byte, sw, sh int) {
	for y := range h {
		sy := y * sh / h
		for x := range w {
			sx := x * sw / w
			copy(dst[3*(y*w+x):3*(y*w+x)+3], src[3*(sy*sw+sx):])
		}
	}
}

// scaleFloats writes src (sw x sh, ch channels) scaled to w x h into dst at pixel off; nil
// src or dst writes nothing.
func scaleFloats(dst []float32, off, ch, w, h int, src []float32, sw, sh int) {
	if dst == nil || src == nil {
		return
	}
	for y := range h {
		sy := y * sh / h
		for x := range w {
			sx := x * sw / w
			copy(dst[ch*(off+y*w+x):ch*(off+y*w+x)+ch], src[ch*(sy*sw+sx):])
		}
	}
}
