package cloud

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// badInput is one malformed frame or option set and what its error must name.
type badInput struct {
	name string
	opts Options
	in   func() *Input
	want error
	key  string
}

var nan = math.NaN()

// badInputs is shared by the table test and the fuzz target's seeds.
var badInputs = []badInput{
	{"stride 0", Options{Stride: 0}, good, ErrConfig, "points_stride"},
	{"stride too large", Options{Stride: MaxStride + 1}, good, ErrConfig, "points_stride"},
	{"negative min range", Options{Stride: 1, MinRange: -1}, good, ErrConfig, "points_min_range"},
	{"NaN min range", Options{Stride: 1, MinRange: nan}, good, ErrConfig, "points_min_range"},
	{"max below min", Options{Stride: 1, MinRange: 2, MaxRange: 1}, good, ErrConfig, "points_max_range"},
	{"infinite max", Options{Stride: 1, MaxRange: math.Inf(1)}, good, ErrConfig, "points_max_range"},
	{"negative edge threshold", Options{Stride: 1, EdgeThreshold: -0.1}, good, ErrConfig, "points_edge_threshold"},
	{"NaN edge threshold", Options{Stride: 1, EdgeThreshold: nan}, good, ErrConfig, "points_edge_threshold"},
	{"zero size", all(), with(func(in *Input) { in.Width, in.Depth, in.RGB, in.Normals = 0, nil, nil, nil }), ErrInput, "size"},
	{"negative size", all(), with(func(in *Input) { in.Height = -3 }), ErrInput, "size"},
	{"huge size", all(), with(func(in *Input) { in.Width = MaxSide + 1 }), ErrInput, "size"},
	{"short depth", all(), with(func(in *Input) { in.Depth = in.Depth[:5] }), ErrInput, "depth"},
	{"long rgb", all(), with(func(in *Input) { in.RGB = append(in.RGB, 0) }), ErrInput, "rgb"},
	{"short normals", all(), with(func(in *Input) { in.Normals = in.Normals[:3] }), ErrInput, "normals"},
	{"zero fx", all(), with(func(in *Input) { in.Intrinsics.Fx = 0 }), ErrIntrinsics, "fx"},
	{"negative fy", all(), with(func(in *Input) { in.Intrinsics.Fy = -500 }), ErrIntrinsics, "fy"},
	{"NaN fx", all(), with(func(in *Input) { in.Intrinsics.Fx = nan }), ErrIntrinsics, "fx"},
	{"absurd focal", all(), with(func(in *Input) { in.Intrinsics.Fy = 1e-30 }), ErrIntrinsics, "fy"},
	{"infinite focal", all(), with(func(in *Input) { in.Intrinsics.Fx = math.Inf(1) }), ErrIntrinsics, "fx"},
	{"NaN cx", all(), with(func(in *Input) { in.Intrinsics.Cx = nan }), ErrIntrinsics, "cx"},
	{"infinite cy", all(), with(func(in *Input) { in.Intrinsics.Cy = math.Inf(-1) }), ErrIntrinsics, "cy"},
}

// good is a valid 8x6 frame.
func good() *Input { return frame(8, 6, 2) }

// with returns good() changed by f.
func with(f func(*Input)) func() *Input {
	return func() *Input { in := good(); f(in); return in }
}

func TestBadInput(t *testing.T) {
	for _, c := range badInputs {
		t.Run(c.name, func(t *testing.T) {
			b, err := NewBuilder(c.opts)
			if err == nil {
				_, _, err = b.Build(nil, c.in())
			}
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.key) {
				t.Fatalf("error %v, want %v naming %q", err, c.want, c.key)
			}
		})
	}
	if err := DefaultOptions().Validate(); err != nil {
		t.Errorf("defaults: %v", err)
	}
}

// FuzzBuild feeds arbitrary sizes, intrinsics, options and depth bytes:
// Build either errors or returns a consistent cloud, never panics.
func FuzzBuild(f *testing.F) {
	f.Add(8, 6, 8*6, 525.0, 520.0, 4.0, 3.0, 1, true, 0.1, 10.0, 0.05, []byte{1, 2, 3})
	f.Add(3, 2, 5, 1e-30, nan, nan, 0.0, 0, false, -1.0, nan, nan, []byte{})
	f.Fuzz(func(t *testing.T, w, h, n int, fx, fy, cx, cy float64, stride int, organized bool,
		minR, maxR, edge float64, seed []byte) {
		if n < 0 || n > 1<<16 || w > 1<<10 || h > 1<<10 {
			t.Skip()
		}
		in := &Input{Width: w, Height: h, Depth: make([]float32, n), Intrinsics: Intrinsics{fx, fy, cx, cy}}
		for i := range in.Depth {
			if len(seed) > 0 {
				in.Depth[i] = float32(seed[i%len(seed)]) / 16
			}
		}
		b, err := NewBuilder(Options{Stride: stride, Organized: organized, MinRange: minR, MaxRange: maxR, EdgeThreshold: edge})
		if err != nil {
			return
		}
		c, rep, err := b.Build(nil, in)
		if err != nil {
			return
		}
		if len(c.Data) != c.Len()*PointStep || (organized && rep.Sampled() != c.Len()) {
			t.Fatalf("inconsistent: %d bytes, %dx%d, %+v", len(c.Data), c.Width, c.Height, rep)
		}
	})
}
