package inference

import (
	"errors"
	"math"
	"testing"
)

// TestPrepareWithOptionsPerFrame prepares two frames with different options before running
// either: each must come out as its own options say (depth_mean at native size: depth is
// mean(rgb)/255, stretched to [0,1] by the frame's min and max when asked), and the
// processing resolution must follow the option, -1 meaning the engine's.
func TestPrepareWithOptionsPerFrame(t *testing.T) {
	e := openEngine(t, Config{DepthModel: fixture("depth_mean.onnx"), ProcessingRes: 0, DepthStretch: true})
	img := patternImage(40, 30)
	mean := make([]float64, img.Width*img.Height)
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range mean {
		p := img.Pix[3*i : 3*i+3]
		mean[i] = (float64(p[0]) + float64(p[1]) + float64(p[2])) / 3 / 255
		lo, hi = math.Min(lo, mean[i]), math.Max(hi, mean[i])
	}
	plain, stretched := e.NewFrame(), e.NewFrame()
	defer plain.Close()
	defer stretched.Close()
	if err := e.PrepareWith(img, plain, FrameOptions{ProcessingRes: -1, DepthStretch: false}); err != nil {
		t.Fatal(err)
	}
	if err := e.PrepareWith(img, stretched, FrameOptions{ProcessingRes: -1, DepthStretch: true}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		f    *Frame
		want func(i int) float64
	}{
		{"unstretched", plain, func(i int) float64 { return mean[i] }},
		{"stretched", stretched, func(i int) float64 { return (mean[i] - lo) / (hi - lo) }},
	} {
		var out Result
		if err := e.Infer(c.f, Tasks{Depth: true}); err != nil {
			t.Fatal(err)
		}
		if err := e.Finish(c.f, &out); err != nil {
			t.Fatal(err)
		}
		worst := 0.0
		for i, d := range out.Depth {
			worst = math.Max(worst, math.Abs(float64(d)-c.want(i)))
		}
		if worst > 1e-5 {
			t.Errorf("%s: largest error %g from the analytic depth", c.name, worst)
		}
	}

	if err := e.PrepareWith(img, plain, FrameOptions{ProcessingRes: 20}); err != nil {
		t.Fatal(err)
	}
	if plain.procW != 20 || plain.procH != 15 {
		t.Errorf("processing_res 20: processed at %dx%d, want 20x15", plain.procW, plain.procH)
	}
	if err := e.PrepareWith(img, plain, FrameOptions{ProcessingRes: -1}); err != nil || plain.procW != 40 {
		t.Errorf("processing_res -1 (the engine's, native): %v, processed %d wide", err, plain.procW)
	}
	if err := e.PrepareWith(img, plain, FrameOptions{ProcessingRes: maxProcessingRes + 1}); !errors.Is(err, ErrBadConfig) {
		t.Errorf("processing_res above the limit: %v, want ErrBadConfig", err)
	}
	if o := e.Options(); o.ProcessingRes != 0 || !o.DepthStretch {
		t.Errorf("Options() = %+v, want the configuration's", o)
	}
}
