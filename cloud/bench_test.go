package cloud

import (
	"fmt"
	"math"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// Benchmarks of Build; run on one core as the goal says:
//   GOMAXPROCS=1 go test -run '^$' -bench . -benchmem ./cloud/

// threadCPU is the CPU time of the calling OS thread: on the shared build
// machines wall-clock ns/op swings with other load, the thread's CPU time does not.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	const rusageThread = 1 // RUSAGE_THREAD (Linux)
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchScene is a w x h frame of a slanted room with some invalid pixels,
// colour and normals everywhere.
func benchScene(w, h int) *Input {
	in := frame(w, h, 0)
	in.Intrinsics = Intrinsics{Fx: 0.8 * float64(w), Fy: 0.8 * float64(w), Cx: float64(w) / 2, Cy: float64(h) / 2}
	for v := range h {
		for u := range w {
			d := 1.5 + 3*float64(u)/float64(w) + 0.5*math.Sin(float64(v)/9)
			if (u*7+v*13)%97 == 0 {
				d = math.NaN()
			}
			in.Depth[v*w+u] = float32(d)
		}
	}
	return in
}

func BenchmarkBuild(b *testing.B) {
	for _, s := range [][2]int{{640, 480}, {1280, 720}} {
		for _, stride := range []int{1, DefaultOptions().Stride} {
			for _, organized := range []bool{false, true} {
				name := fmt.Sprintf("%dx%d/stride=%d/organized=%v", s[0], s[1], stride, organized)
				b.Run(name, func(b *testing.B) {
					o := DefaultOptions()
					o.Stride, o.Organized = stride, organized
					bl, err := NewBuilder(o)
					if err != nil {
						b.Fatal(err)
					}
					in := benchScene(s[0], s[1])
					dst := make([]byte, bl.MaxBytes(s[0], s[1]))
					runtime.LockOSThread()
					defer runtime.UnlockOSThread()
					b.ReportAllocs()
					b.SetBytes(int64(len(dst)))
					start, n := threadCPU(), 0
					for b.Loop() {
						if _, _, err := bl.Build(dst, in); err != nil {
							b.Fatal(err)
						}
						n++
					}
					b.ReportMetric(float64(threadCPU()-start)/float64(time.Millisecond)/float64(n), "cpu-ms/op")
				})
			}
		}
	}
}
