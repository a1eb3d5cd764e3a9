package colormap

import (
	"math"
	"math/rand/v2"
	"testing"

	"gocv.io/x/gocv"
)

// cvTurbo colours 8-bit levels with OpenCV's own COLORMAP_TURBO (the second
// opinion), returning packed BGR.
func cvTurbo(t *testing.T, levels []byte) []byte {
	t.Helper()
	src, err := gocv.NewMatFromBytes(1, len(levels), gocv.MatTypeCV8U, levels)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst := gocv.NewMat()
	defer dst.Close()
	gocv.ApplyColorMap(src, &dst, gocv.ColormapTypes(20)) // TURBO
	out, err := dst.DataPtrUint8()
	if err != nil {
		t.Fatal(err)
	}
	return append([]byte(nil), out...)
}

func TestDepthTurboMatchesOpenCV(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ramp := make([]float32, 256)
	for i := range ramp {
		ramp[i] = float32(i) / 255
	}
	random := make([]float32, 5000)
	for i := range random {
		random[i] = rng.Float32()
	}
	for _, tc := range []struct {
		name  string
		depth []float32
	}{
		{"every level", ramp},
		{"random values", random},
		{"between levels", []float32{0.001, 0.499, 0.5, 0.501, 0.999, 1.0 / 510, 3.0 / 510}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// OpenCV sees the depth as an 8-bit image scaled by 255 and rounded,
			// which is how a user would colour a [0,1] float image with it.
			levels := make([]byte, len(tc.depth))
			for i, d := range tc.depth {
				levels[i] = byte(math.Round(float64(d) * 255))
			}
			want := cvTurbo(t, levels)
			bgr := DepthTurboBGR(tc.depth, nil)
			rgb := DepthTurboRGB(tc.depth, nil)
			if len(bgr) != len(want) || len(rgb) != len(want) {
				t.Fatalf("lengths bgr %d rgb %d, want %d", len(bgr), len(rgb), len(want))
			}
			worst := 0
			for i := range tc.depth {
				for c := 0; c < 3; c++ {
					worst = max(worst, absDiff(bgr[3*i+c], want[3*i+c]), absDiff(rgb[3*i+2-c], want[3*i+c]))
				}
			}
			if worst > 1 {
				t.Fatalf("max abs difference from OpenCV %d levels, want <= 1", worst)
			}
		})
	}
}

func TestDepthTurboEdges(t *testing.T) {
	nan := float32(math.NaN())
	first := cvTurbo(t, []byte{0})
	last := cvTurbo(t, []byte{255})
	for _, tc := range []struct {
		name string
		d    float32
		want []byte // BGR
	}{
		{"NaN is black", nan, []byte{0, 0, 0}},
		{"below range clamps to 0", -3, first},
		{"-Inf clamps to 0", float32(math.Inf(-1)), first},
		{"above range clamps to 1", 7, last},
		{"+Inf clamps to 1", float32(math.Inf(1)), last},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := DepthTurboBGR([]float32{tc.d}, nil)
			for c := range got {
				if absDiff(got[c], tc.want[c]) > 1 {
					t.Fatalf("BGR %v, want %v", got, tc.want)
				}
			}
		})
	}
}

func TestDepthTurboReusesDst(t *testing.T) {
	buf := make([]byte, 0, 64)
	out := DepthTurboRGB([]float32{0, 0.5, 1}, buf)
	if len(out) != 9 || &out[0] != &buf[:1][0] {
		t.Fatalf("dst with capacity 64 not reused (len %d)", len(out))
	}
	out = DepthTurboRGB(make([]float32, 30), buf)
	if len(out) != 90 {
		t.Fatalf("len %d, want 90", len(out))
	}
}

func absDiff(a, b byte) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

func BenchmarkDepthTurboBGR640x480(b *testing.B) {
	depth := make([]float32, 640*480)
	for i := range depth {
		depth[i] = float32(i%640) / 640
	}
	var dst []byte
	b.SetBytes(int64(len(depth) * 4))
	for b.Loop() {
		dst = DepthTurboBGR(depth, dst)
	}
}
