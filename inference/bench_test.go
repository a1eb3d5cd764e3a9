package inference

import (
	"fmt"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// threadCPU is the CPU time the calling OS thread has used. The build machines are shared, so
// wall-clock ns/op swings with other load; CPU time of the benchmark's (locked) thread does not.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	const rusageThread = 1 // RUSAGE_THREAD (Linux)
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loopCPU runs fn in b.Loop after one untimed call (which sizes the buffers for the geometry)
// and reports the thread's CPU milliseconds per operation next to the wall-clock ns/op.
func loopCPU(b *testing.B, fn func() error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := fn(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	start, n := threadCPU(), 0
	for b.Loop() {
		if err := fn(); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(threadCPU()-start)/float64(time.Millisecond)/float64(n), "cpu-ms/op")
}

// Benchmarks for the CPU stages around the model; run with GOMAXPROCS=1 to see one core:
//   GOMAXPROCS=1 go test -run '^$' -bench . -benchmem ./inference/

var benchSizes = [][2]int{{640, 480}, {1280, 720}}

func benchEngine(b *testing.B, model string) (*Engine, *Frame) {
	b.Helper()
	e := openEngine(b, Config{DepthModel: fixture(model), NormalsModel: fixture(model), ProcessingRes: 768, DepthStretch: true, Threads: 1})
	f := e.NewFrame()
	b.Cleanup(func() { f.Close() })
	return e, f
}

func BenchmarkPrepare(b *testing.B) {
	e, f := benchEngine(b, "both.onnx")
	for _, s := range benchSizes {
		img := patternImage(s[0], s[1])
		b.Run(fmt.Sprintf("%dx%d", s[0], s[1]), func(b *testing.B) {
			loopCPU(b, func() error { return e.Prepare(img, f) })
		})
	}
}

func BenchmarkFinish(b *testing.B) {
	e, f := benchEngine(b, "both.onnx")
	for _, s := range benchSizes {
		for _, want := range []Tasks{{Depth: true}, {Depth: true, Normals: true}} {
			img := patternImage(s[0], s[1])
			b.Run(fmt.Sprintf("%dx%d/%s", s[0], s[1], want), func(b *testing.B) {
				if err := e.Prepare(img, f); err != nil {
					b.Fatal(err)
				}
				if err := e.Infer(f, want); err != nil {
					b.Fatal(err)
				}
				var out Result
				loopCPU(b, func() error { return e.Finish(f, &out) })
			})
		}
	}
}

// BenchmarkFrame is a whole frame through the analytic fixture model (the model itself costs
// next to nothing, so this is the package's overhead per frame, runtime calls included).
func BenchmarkFrame(b *testing.B) {
	for _, model := range []string{"both.onnx", "both_fp16.onnx"} {
		e, _ := benchEngine(b, model)
		for _, s := range benchSizes {
			img := patternImage(s[0], s[1])
			b.Run(fmt.Sprintf("%s/%dx%d", model, s[0], s[1]), func(b *testing.B) {
				var out Result
				loopCPU(b, func() error { return e.Run(img, e.Tasks(), &out) })
			})
		}
	}
}

// BenchmarkWorkers is Prepare + Finish (depth and normals) of a 1280x720 frame split over 1, 2
// and 4 row bands; ns/op is wall time, so run it with the cores it may use:
//
//	go test -run '^$' -bench Workers -cpu 4 ./inference/
func BenchmarkWorkers(b *testing.B) {
	img := patternImage(1280, 720)
	for _, workers := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			e := openEngine(b, Config{DepthModel: fixture("both.onnx"), NormalsModel: fixture("both.onnx"),
				ProcessingRes: 768, DepthStretch: true, Threads: 1, Workers: workers})
			f := e.NewFrame()
			defer f.Close()
			var out Result
			if err := e.Prepare(img, f); err != nil {
				b.Fatal(err)
			}
			if err := e.Infer(f, e.Tasks()); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := e.Prepare(img, f); err != nil {
					b.Fatal(err)
				}
				f.stage = stageInferred // the model's outputs stay; only pre/post are timed
				if err := e.Finish(f, &out); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
