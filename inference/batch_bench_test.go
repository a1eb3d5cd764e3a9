package inference

import (
	"fmt"
	"testing"
	"time"
)

// BenchmarkInferBatch compares n cameras' frames through the model as one batch with the same
// frames one after another (what n nodes sharing a device, or a model with a fixed N, do). It
// reports frames per second over all cameras, and the latency of the last camera's frame: the
// whole batch in the batched run, n sequential runs otherwise.
func BenchmarkInferBatch(b *testing.B) {
	for _, m := range []struct {
		name string
		cfg  Config
		w, h int
	}{
		{"demo model at 128", Config{DepthModel: "../models/demo.onnx", NormalsModel: "../models/demo.onnx", ProcessingRes: 128, Threads: 1}, 640, 480},
		{"conv fixture at 256", Config{DepthModel: fixture("depth_torch_conv.onnx"), ProcessingRes: 256, Threads: 1}, 640, 480},
	} {
		for _, n := range []int{1, 2, 4} {
			for _, batched := range []bool{true, false} {
				mode := "sequential"
				if batched {
					mode = "batched"
				}
				b.Run(fmt.Sprintf("%s/cameras=%d/%s", m.name, n, mode), func(b *testing.B) {
					e := openEngine(b, m.cfg)
					want := e.Tasks()
					frames := make([]*Frame, n)
					for i := range frames {
						frames[i] = e.NewFrame()
						if err := e.Prepare(shiftedImage(m.w, m.h, i), frames[i]); err != nil {
							b.Fatal(err)
						}
					}
					b.ResetTimer()
					t0 := time.Now()
					for range b.N {
						var err error
						if batched {
							err = e.InferBatch(frames, want)
						} else {
							for _, f := range frames {
								if err = e.Infer(f, want); err != nil {
									break
								}
							}
						}
						if err != nil {
							b.Fatal(err)
						}
					}
					per := time.Since(t0) / time.Duration(b.N)
					b.ReportMetric(float64(n)/per.Seconds(), "frames/s")
					b.ReportMetric(float64(per)/float64(time.Millisecond), "last-camera-ms")
				})
			}
		}
	}
}
