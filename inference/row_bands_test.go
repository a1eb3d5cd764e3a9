package inference

import (
	"fmt"
	"math"
	"testing"
)

// TestWorkersGiveTheSameBits splits Prepare and Finish over several row bands: the model input
// and both outputs must be bit-identical to one band's, for shrinking, growing and odd sizes.
func TestWorkersGiveTheSameBits(t *testing.T) {
	sizes := [][2]int{{1280, 720}, {640, 480}, {333, 101}, {50, 30}}
	run := func(workers int, w, h int) (in []float32, res Result) {
		e := openEngine(t, Config{DepthModel: fixture("both.onnx"), NormalsModel: fixture("both.onnx"),
			ProcessingRes: 256, DepthStretch: true, Workers: workers})
		f := e.NewFrame()
		defer f.Close()
		if err := e.Prepare(patternImage(w, h), f); err != nil {
			t.Fatal(err)
		}
		in = append(in, f.in32...)
		if err := e.Infer(f, e.Tasks()); err != nil {
			t.Fatal(err)
		}
		if err := e.Finish(f, &res); err != nil {
			t.Fatal(err)
		}
		return in, res
	}
	for _, s := range sizes {
		wantIn, want := run(1, s[0], s[1])
		for _, workers := range []int{2, 3, 7} {
			t.Run(fmt.Sprintf("%dx%d/%d workers", s[0], s[1], workers), func(t *testing.T) {
				gotIn, got := run(workers, s[0], s[1])
				for name, pair := range map[string][2][]float32{
					"model input": {gotIn, wantIn}, "depth": {got.Depth, want.Depth}, "normals": {got.Normals, want.Normals},
				} {
					g, w := pair[0], pair[1]
					if len(g) != len(w) || len(w) == 0 {
						t.Fatalf("%s: %d values, one band gives %d", name, len(g), len(w))
					}
					for i := range w {
						if math.Float32bits(g[i]) != math.Float32bits(w[i]) {
							t.Fatalf("%s value %d = %v, one band gives %v", name, i, g[i], w[i])
						}
					}
				}
			})
		}
	}
}

func TestWorkersFor(t *testing.T) {
	cpu, cuda := DeviceSpec{Provider: ProviderCPU}, DeviceSpec{Provider: ProviderCUDA}
	cases := []struct {
		configured int
		device     DeviceSpec
		cores      int
		want       int
	}{
		{0, cpu, 16, 1},  // the model's threads want the cores
		{0, cuda, 16, 4}, // half the cores, at most 4
		{0, cuda, 6, 3},
		{0, cuda, 1, 1},
		{3, cpu, 2, 3}, // asked for
		{2, cuda, 16, 2},
	}
	for _, c := range cases {
		if got := workersFor(c.configured, c.device, c.cores); got != c.want {
			t.Errorf("workersFor(%d, %s, %d cores) = %d, want %d", c.configured, c.device, c.cores, got, c.want)
		}
	}
}
