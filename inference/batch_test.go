package inference

import (
	"slices"
	"testing"
)

// shiftedImage is patternImage with every byte offset by k, so frames in a batch differ.
func shiftedImage(w, h, k int) *RGB {
	img := patternImage(w, h)
	for i := range img.Pix {
		img.Pix[i] += byte(k * 37)
	}
	return img
}

// TestInferBatchSameAsAlone: frames run as one batch give exactly the bytes each gives alone,
// for float32 and float16 models, convolutional and point-wise, and a batch whose frames differ
// in size runs them one after another with the same results.
func TestInferBatchSameAsAlone(t *testing.T) {
	both := Tasks{Depth: true, Normals: true}
	for _, c := range []struct {
		name    string
		cfg     Config
		want    Tasks
		sizes   [][2]int
		batches bool
	}{
		{"point-wise fp32", Config{DepthModel: fixture("both.onnx"), NormalsModel: fixture("both.onnx"), ProcessingRes: 0}, both, [][2]int{{64, 48}, {64, 48}, {64, 48}}, true},
		{"point-wise fp16", Config{DepthModel: fixture("both_fp16.onnx"), NormalsModel: fixture("both_fp16.onnx"), ProcessingRes: 0}, both, [][2]int{{40, 30}, {40, 30}}, true},
		{"convolution", Config{DepthModel: fixture("depth_torch_conv.onnx"), ProcessingRes: 0}, Tasks{Depth: true}, [][2]int{{64, 48}, {64, 48}, {64, 48}, {64, 48}}, true},
		{"demo model", Config{DepthModel: "../models/demo.onnx", NormalsModel: "../models/demo.onnx", ProcessingRes: 128}, both, [][2]int{{160, 120}, {160, 120}}, true},
		{"sizes differ", Config{DepthModel: fixture("both.onnx"), NormalsModel: fixture("both.onnx"), ProcessingRes: 0}, both, [][2]int{{64, 48}, {32, 24}, {64, 48}}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := openEngine(t, c.cfg)
			if e.CanBatch() != c.batches {
				t.Fatalf("CanBatch = %v, want %v", e.CanBatch(), c.batches)
			}
			alone := make([]Result, len(c.sizes))
			for i, s := range c.sizes {
				if err := e.Run(shiftedImage(s[0], s[1], i), c.want, &alone[i]); err != nil {
					t.Fatal(err)
				}
			}
			frames := make([]*Frame, len(c.sizes))
			for i, s := range c.sizes {
				frames[i] = e.NewFrame()
				t.Cleanup(func() { frames[i].Close() })
				if err := e.Prepare(shiftedImage(s[0], s[1], i), frames[i]); err != nil {
					t.Fatal(err)
				}
			}
			runs := e.runs.Load()
			if err := e.InferBatch(frames, c.want); err != nil {
				t.Fatal(err)
			}
			if groups := int64(len(groupByPadding(frames))); e.runs.Load()-runs != groups*int64(len(e.sessions)) {
				t.Fatalf("%d session runs for %d frames in %d size groups, want one per session and group", e.runs.Load()-runs, len(frames), groups)
			}
			for i, f := range frames {
				var got Result
				if err := e.Finish(f, &got); err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(got.Depth, alone[i].Depth) || !slices.Equal(got.Normals, alone[i].Normals) {
					t.Fatalf("frame %d of the batch differs from the same frame run alone", i)
				}
			}
		})
	}
}
