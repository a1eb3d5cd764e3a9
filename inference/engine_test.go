package inference

import (
	"errors"
	"math"
	"sync"
	"testing"
)

func TestDeterministic(t *testing.T) {
	for _, model := range []string{"both.onnx", "both_fp16.onnx"} {
		t.Run(model, func(t *testing.T) {
			e := openEngine(t, Config{DepthModel: fixture(model), NormalsModel: fixture(model), ProcessingRes: 256, DepthStretch: true, Threads: 2})
			img := patternImage(333, 250)
			var first, again Result
			if err := e.Run(img, e.Tasks(), &first); err != nil {
				t.Fatal(err)
			}
			for range 3 {
				if err := e.Run(img, e.Tasks(), &again); err != nil {
					t.Fatal(err)
				}
				if !bitsEqual(first.Depth, again.Depth) || !bitsEqual(first.Normals, again.Normals) {
					t.Fatal("the same image gave different outputs")
				}
			}
		})
	}
}

func bitsEqual(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			return false
		}
	}
	return true
}

func TestSessionsRunOnlyForWhatIsWanted(t *testing.T) {
	cases := []struct {
		name          string
		depth, normal string
		want          Tasks
		sessions      int
		runs          int64
	}{
		{"combined model, both wanted, runs once", "both.onnx", "both.onnx", Tasks{Depth: true, Normals: true}, 1, 1},
		{"combined model, depth only", "both.onnx", "both.onnx", Tasks{Depth: true}, 1, 1},
		{"separate models, both", "depth_mean.onnx", "normals_identity.onnx", Tasks{Depth: true, Normals: true}, 2, 2},
		{"separate models, normals skipped", "depth_mean.onnx", "normals_identity.onnx", Tasks{Depth: true}, 2, 1},
		{"separate models, depth skipped", "depth_mean.onnx", "normals_identity.onnx", Tasks{Normals: true}, 2, 1},
		{"nothing wanted", "depth_mean.onnx", "normals_identity.onnx", Tasks{}, 2, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := openEngine(t, Config{DepthModel: fixture(tc.depth), NormalsModel: fixture(tc.normal), ProcessingRes: 64})
			if len(e.sessions) != tc.sessions {
				t.Errorf("%d sessions, want %d", len(e.sessions), tc.sessions)
			}
			before := e.runs.Load()
			var out Result
			if err := e.Run(patternImage(50, 40), tc.want, &out); err != nil {
				t.Fatal(err)
			}
			if got := e.runs.Load() - before; got != tc.runs {
				t.Errorf("%d session runs, want %d", got, tc.runs)
			}
			if (len(out.Depth) > 0) != tc.want.Depth || (len(out.Normals) > 0) != tc.want.Normals {
				t.Errorf("published depth %d normals %d values for want %s", len(out.Depth), len(out.Normals), tc.want)
			}
		})
	}
}

func TestStageErrors(t *testing.T) {
	e := openEngine(t, Config{DepthModel: fixture("depth_mean.onnx"), ProcessingRes: 64})
	f := e.NewFrame()
	defer f.Close()
	var out Result
	if err := e.Infer(f, Tasks{Depth: true}); !errors.Is(err, ErrNotPrepared) {
		t.Errorf("Infer before Prepare: %v", err)
	}
	if err := e.Finish(f, &out); !errors.Is(err, ErrNotPrepared) {
		t.Errorf("Finish before Infer: %v", err)
	}
	if err := e.Prepare(patternImage(20, 10), f); err != nil {
		t.Fatal(err)
	}
	if err := e.Infer(f, Tasks{Normals: true}); !errors.Is(err, ErrTaskUnavailable) {
		t.Errorf("normals from a depth-only engine: %v", err)
	}
	other := openEngine(t, Config{DepthModel: fixture("depth_mean.onnx"), ProcessingRes: 64})
	foreign := other.NewFrame()
	defer foreign.Close()
	if err := e.Prepare(patternImage(8, 8), foreign); !errors.Is(err, ErrForeignFrame) {
		t.Errorf("Prepare with another engine's frame: %v", err)
	}
	if err := e.Infer(nil, Tasks{Depth: true}); !errors.Is(err, ErrForeignFrame) {
		t.Errorf("Infer with a nil frame: %v", err)
	}
	if err := e.Finish(foreign, &out); !errors.Is(err, ErrForeignFrame) {
		t.Errorf("Finish with another engine's frame: %v", err)
	}
	bad := []*RGB{nil, {Width: 0, Height: 5}, {Width: 4, Height: 4, Pix: make([]byte, 47)}, {Width: 1 << 20, Height: 1}}
	for _, img := range bad {
		if err := e.Prepare(img, f); !errors.Is(err, ErrBadDimensions) && !errors.Is(err, ErrShortData) {
			t.Errorf("Prepare(bad image) = %v", err)
		}
	}
	// After bad input the next valid frame works.
	if err := e.Run(patternImage(20, 10), Tasks{Depth: true}, &out); err != nil || len(out.Depth) != 200 {
		t.Errorf("valid frame after bad ones: %v, %d values", err, len(out.Depth))
	}
}

func TestGeometryChangesAndConstantImage(t *testing.T) {
	cases := []struct {
		name    string
		w, h    int
		stretch bool
		level   byte
		want    float64 // the published depth everywhere
	}{
		{"constant stretched is zeros", 64, 48, true, 200, 0},
		{"constant unstretched", 30, 90, false, 200, (float64(200)/255*2 - 1 + 1) / 2},
		{"black unstretched", 7, 3, false, 0, 0},
		{"white unstretched", 128, 64, false, 255, 1},
	}
	e := openEngine(t, Config{DepthModel: fixture("depth_mean.onnx"), ProcessingRes: 64, DepthStretch: true})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e.cfg.DepthStretch = tc.stretch
			img := &RGB{Width: tc.w, Height: tc.h, Pix: make([]byte, tc.w*tc.h*3)}
			for i := range img.Pix {
				img.Pix[i] = tc.level
			}
			var out Result
			if err := e.Run(img, Tasks{Depth: true}, &out); err != nil {
				t.Fatal(err)
			}
			for i, d := range out.Depth {
				if math.Abs(float64(d)-tc.want) > 1e-6 || math.IsNaN(float64(d)) {
					t.Fatalf("depth[%d] = %v, want %v", i, d, tc.want)
				}
			}
		})
	}
}

func TestPaddingReplicatesEdges(t *testing.T) {
	e := openEngine(t, Config{DepthModel: fixture("depth_mean.onnx"), ProcessingRes: 0})
	img := patternImage(70, 33)
	f := e.NewFrame()
	defer f.Close()
	if err := e.Prepare(img, f); err != nil {
		t.Fatal(err)
	}
	if f.padW != 128 || f.padH != 64 {
		t.Fatalf("padded to %dx%d, want 128x64", f.padW, f.padH)
	}
	plane := f.padW * f.padH
	for c := range 3 {
		for y := range f.padH {
			for x := range f.padW {
				sx, sy := min(x, img.Width-1), min(y, img.Height-1)
				want := float32(img.Pix[(sy*img.Width+sx)*3+c])/255*2 - 1
				if got := f.in32[c*plane+y*f.padW+x]; got != want {
					t.Fatalf("input[%d,%d,%d] = %v, want %v (edge replication of the source)", c, y, x, got, want)
				}
			}
		}
	}
}

func TestProcessingSize(t *testing.T) {
	cases := []struct{ w, h, res, ww, wh int }{
		{640, 480, 768, 768, 576}, {1280, 720, 768, 768, 432}, {7, 5, 768, 768, 548},
		{4000, 3000, 768, 768, 576}, {50, 30, 768, 768, 460}, {1, 1, 768, 768, 768},
		{640, 480, 0, 640, 480},
		// Python also gives int(10000*(768/10000)) = 767; its 0-pixel height is kept at 1.
		{10000, 1, 768, 767, 1}, {333, 101, 97, 97, 29},
	}
	for _, tc := range cases {
		if w, h := processingSize(tc.w, tc.h, tc.res); w != tc.ww || h != tc.wh {
			t.Errorf("processingSize(%d,%d,%d) = %dx%d, want %dx%d", tc.w, tc.h, tc.res, w, h, tc.ww, tc.wh)
		}
	}
}

func TestRuntimeSharedAcrossEngines(t *testing.T) {
	cfg := Config{DepthModel: fixture("depth_mean.onnx"), Device: "cpu", Threads: 1}
	a, err := Open(cfg, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(cfg, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	if runtimeLibrary.refs != 2 {
		t.Errorf("refs = %d with two engines", runtimeLibrary.refs)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	var out Result
	if err := b.Run(patternImage(16, 16), Tasks{Depth: true}, &out); err != nil {
		t.Fatalf("second engine after the first closed: %v", err)
	}
	if err := a.Run(patternImage(16, 16), Tasks{Depth: true}, &out); !errors.Is(err, ErrClosed) {
		t.Errorf("closed engine: %v", err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if runtimeLibrary.refs != 0 {
		t.Errorf("refs = %d after both closed", runtimeLibrary.refs)
	}
	// The runtime comes back for a later engine.
	c := openEngine(t, cfg)
	if err := c.Run(patternImage(16, 16), Tasks{Depth: true}, &out); err != nil {
		t.Fatal(err)
	}
}

// TestPipelinedFrames prepares and finishes on other goroutines than Infer, the way the node
// overlaps frames; run with -race.
func TestPipelinedFrames(t *testing.T) {
	e := openEngine(t, Config{DepthModel: fixture("both.onnx"), NormalsModel: fixture("both.onnx"), ProcessingRes: 96, DepthStretch: true})
	const n = 12
	prepared, inferred := make(chan *Frame, 1), make(chan *Frame, 1)
	free := make(chan *Frame, 3)
	for range 3 {
		f := e.NewFrame()
		defer f.Close()
		free <- f
	}
	img := patternImage(120, 80)
	var want Result
	if err := e.Run(img, e.Tasks(), &want); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 3*n)
	wg.Add(3)
	go func() {
		defer wg.Done()
		defer close(prepared)
		for range n {
			f := <-free
			if err := e.Prepare(img, f); err != nil {
				errs <- err
			}
			prepared <- f
		}
	}()
	go func() {
		defer wg.Done()
		defer close(inferred)
		for f := range prepared {
			if err := e.Infer(f, e.Tasks()); err != nil {
				errs <- err
			}
			inferred <- f
		}
	}()
	go func() {
		defer wg.Done()
		var out Result
		for f := range inferred {
			if err := e.Finish(f, &out); err != nil {
				errs <- err
			} else if !bitsEqual(out.Depth, want.Depth) || !bitsEqual(out.Normals, want.Normals) {
				errs <- errors.New("pipelined result differs from Run's")
			}
			free <- f
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestHalfInputMatchesFloatInput(t *testing.T) {
	e := openEngine(t, Config{DepthModel: fixture("both_fp16.onnx"), ProcessingRes: 100})
	f := e.NewFrame()
	defer f.Close()
	for _, size := range [][2]int{{150, 90}, {40, 41}} {
		if err := e.Prepare(patternImage(size[0], size[1]), f); err != nil {
			t.Fatal(err)
		}
		if len(f.in16) != len(f.in32) {
			t.Fatalf("float16 input has %d values, float32 %d", len(f.in16), len(f.in32))
		}
		for i, v := range f.in32 {
			if f.in16[i] != float32ToHalf(v) {
				t.Fatalf("%v: in16[%d] = %#04x, want %#04x (float16 of %v)", size, i, f.in16[i], float32ToHalf(v), v)
			}
		}
	}
}
