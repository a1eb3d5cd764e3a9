package cloud

import (
	"encoding/binary"
	"math"
	"testing"
)

// point is one decoded point of a Cloud.
type point struct {
	X, Y, Z, W, NX, NY, NZ, Curvature float32
	RGB                               uint32
	Pad                               [3]uint32 // bytes 28..31 and 40..47
}

// at decodes point i of c from its bytes, independently of putPoint.
func at(c Cloud, i int) point {
	p := c.Data[i*int(c.PointStep):]
	f := func(off int) float32 { return math.Float32frombits(binary.LittleEndian.Uint32(p[off:])) }
	u := func(off int) uint32 { return binary.LittleEndian.Uint32(p[off:]) }
	return point{
		X: f(0), Y: f(4), Z: f(8), W: f(12), NX: f(16), NY: f(20), NZ: f(24), Curvature: f(36),
		RGB: u(32), Pad: [3]uint32{u(28), u(40), u(44)},
	}
}

// testK is a 640x480-like camera with a principal point off the centre.
var testK = Intrinsics{Fx: 525.5, Fy: 520.25, Cx: 319.7, Cy: 241.3}

// frame returns a w x h input of constant depth d, colour from the pixel
// index and normals (0,0,-1).
func frame(w, h int, d float32) *Input {
	in := &Input{Width: w, Height: h, Depth: make([]float32, w*h), RGB: make([]byte, 3*w*h),
		Normals: make([]float32, 3*w*h), Intrinsics: testK}
	for i := range in.Depth {
		in.Depth[i] = d
		in.RGB[3*i], in.RGB[3*i+1], in.RGB[3*i+2] = byte(i), byte(i>>8), byte(i>>16)
		in.Normals[3*i+2] = -1
	}
	return in
}

// build runs a Builder with o on in and fails the test on error.
func build(t testing.TB, o Options, in *Input) (Cloud, Report) {
	t.Helper()
	b, err := NewBuilder(o)
	if err != nil {
		t.Fatal(err)
	}
	c, rep, err := b.Build(nil, in)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Data) != c.Len()*PointStep || c.RowStep != c.Width*PointStep || c.PointStep != PointStep {
		t.Fatalf("inconsistent cloud: %dx%d, %d bytes, point_step %d, row_step %d", c.Width, c.Height, len(c.Data), c.PointStep, c.RowStep)
	}
	return c, rep
}

// all returns options that keep every pixel.
func all() Options { return Options{Stride: 1} }
