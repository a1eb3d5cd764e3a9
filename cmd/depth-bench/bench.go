package main

import (
	"fmt"
	"log/slog"
	"time"

	ort "github.com/yalue/onnxruntime_go"

	"github.com/depthnode/depthnode/inference"
)

// Report is one benchmark run's result.
type Report struct {
	Label         string    `json:"label,omitempty"`
	Device        string    `json:"device"`
	Runtime       string    `json:"onnxruntime"`
	Describe      string    `json:"describe"`
	DepthModel    string    `json:"depth_model,omitempty"`
	NormalsModel  string    `json:"normals_model,omitempty"`
	Tasks         string    `json:"tasks"`
	Input         string    `json:"input"`
	ProcessingRes int       `json:"processing_res"`
	Warmup        int       `json:"warmup"`
	Iterations    int       `json:"iterations"`
	OpenMS        float64   `json:"open_ms"`
	Stages        []Summary `json:"stages"`
	// Cameras is how many frames each step carries; Batched says they ran as one batch.
	Cameras int  `json:"cameras"`
	Batched bool `json:"batched"`
	// PipelineFPS is frames per second over all cameras: Cameras * 1000 / the slowest stage's
	// mean, the rate when, as in the node, Prepare of step n+1 and Finish of step n-1 overlap
	// Infer of step n.
	PipelineFPS float64 `json:"pipeline_fps"`
}

// stageNames orders the per-frame stages; total is their sum for one frame.
var stageNames = []string{"prepare", "infer", "finish", "total"}

// benchmark opens the engine (its Open includes the engine's own warm-up, and on TensorRT the
// engine build), runs the untimed warm-up frames, then times each stage of every timed frame.
func benchmark(o Options, log *slog.Logger) (*Report, error) {
	start := time.Now()
	e, err := inference.Open(inference.Config{
		DepthModel: o.DepthModel, NormalsModel: o.NormalsModel,
		ProcessingRes: o.ProcessingRes, Device: o.Device, DepthStretch: o.DepthStretch,
		Threads: o.Threads, LibraryPath: o.LibraryPath,
	}, log)
	if err != nil {
		return nil, err
	}
	defer e.Close()
	openTime := time.Since(start)
	want := o.Tasks
	if !want.Any() {
		want = e.Tasks()
	}
	img := testImage(o.Width, o.Height)
	cams := max(o.Cameras, 1)
	frames := make([]*inference.Frame, cams)
	for k := range frames {
		frames[k] = e.NewFrame()
		defer frames[k].Close()
	}
	var res inference.Result
	samples := make([][]time.Duration, len(stageNames))
	for i := range o.Warmup + o.Iterations {
		t0 := time.Now()
		for _, f := range frames {
			if err := e.Prepare(img, f); err != nil {
				return nil, fmt.Errorf("prepare: %w", err)
			}
		}
		t1 := time.Now()
		if err := inferAll(e, frames, want, o.Sequential); err != nil {
			return nil, fmt.Errorf("infer: %w", err)
		}
		t2 := time.Now()
		for _, f := range frames {
			if err := e.Finish(f, &res); err != nil {
				return nil, fmt.Errorf("finish: %w", err)
			}
		}
		t3 := time.Now()
		if i < o.Warmup {
			continue
		}
		for s, d := range []time.Duration{t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), t3.Sub(t0)} {
			samples[s] = append(samples[s], d)
		}
	}
	if err := checkResult(&res, want, o.Width, o.Height); err != nil {
		return nil, err
	}
	rep := &Report{
		Label: o.Label, Device: e.Device(), Runtime: ort.GetVersion(), Describe: e.Describe(),
		DepthModel: o.DepthModel, NormalsModel: o.NormalsModel, Tasks: want.String(),
		Input: fmt.Sprintf("%dx%d", o.Width, o.Height), ProcessingRes: e.ProcessingRes(),
		Warmup: o.Warmup, Iterations: o.Iterations, Cameras: cams, Batched: cams > 1 && !o.Sequential && e.CanBatch(),
		OpenMS: float64(openTime) / float64(time.Millisecond),
	}
	slowest := 0.0
	for s, name := range stageNames {
		sum := summarize(name, samples[s])
		rep.Stages = append(rep.Stages, sum)
		if name != "total" {
			slowest = max(slowest, sum.MeanMS)
		}
	}
	if slowest > 0 {
		rep.PipelineFPS = float64(cams) * 1000 / slowest
	}
	return rep, nil
}

// inferAll runs the step's frames as one batch, or one after another.
func inferAll(e *inference.Engine, frames []*inference.Frame, want inference.Tasks, sequential bool) error {
	if !sequential {
		return e.InferBatch(frames, want)
	}
	for _, f := range frames {
		if err := e.Infer(f, want); err != nil {
			return err
		}
	}
	return nil
}

// checkResult makes sure the timed path produced what was asked, so a benchmark of a pass
// that silently produced nothing cannot be reported.
func checkResult(r *inference.Result, want inference.Tasks, w, h int) error {
	if r.Width != w || r.Height != h {
		return fmt.Errorf("result is %dx%d, want %dx%d", r.Width, r.Height, w, h)
	}
	if want.Depth && len(r.Depth) != w*h {
		return fmt.Errorf("depth has %d values, want %d", len(r.Depth), w*h)
	}
	if want.Normals && len(r.Normals) != w*h*3 {
		return fmt.Errorf("normals have %d values, want %d", len(r.Normals), w*h*3)
	}
	return nil
}

// testImage is a deterministic textured RGB frame (the timing does not depend on content, but a
// flat image would let a stretch or normalisation take shortcuts).
func testImage(w, h int) *inference.RGB {
	img := &inference.RGB{Width: w, Height: h, Pix: make([]byte, w*h*3)}
	for y := range h {
		for x := range w {
			i := (y*w + x) * 3
			img.Pix[i] = byte(x * 255 / w)
			img.Pix[i+1] = byte(y * 255 / h)
			img.Pix[i+2] = byte((x ^ y) & 0xff)
		}
	}
	return img
}
