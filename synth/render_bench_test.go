package synth

import (
	"fmt"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// processCPU returns the CPU time this process has used: on a shared
// machine wall time measures the neighbours, CPU time measures the work.
func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkRender renders 640x480 frames of the default sequence (first
// frames of scenes 0..7, indoor and outdoor) at GOMAXPROCS 1 and 2,
// reporting wall and CPU milliseconds per frame.
func BenchmarkRender(b *testing.B) {
	for _, procs := range []int{1, 2} {
		b.Run(fmt.Sprintf("640x480/GOMAXPROCS=%d", procs), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			cfg := DefaultConfig()
			cfg.FramesPerScene = 1
			g, err := NewGenerator(cfg)
			if err != nil {
				b.Fatal(err)
			}
			img := NewImage(g.Intrinsics())
			scenes := make([]*Scene, 8)
			for k := range scenes {
				scenes[k] = g.Scene(k)
			}
			b.ResetTimer()
			cpu0 := processCPU()
			for i := 0; i < b.N; i++ {
				s := scenes[i%len(scenes)]
				Render(s, s.Path.Pose(float64(7*i)), img, 0)
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/frame")
			b.ReportMetric(float64((processCPU()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/frame")
		})
	}
}

// BenchmarkLidarScan casts one default revolution (16 beams x 1024 columns).
func BenchmarkLidarScan(b *testing.B) {
	for _, procs := range []int{1, 2} {
		b.Run(fmt.Sprintf("16x1024/GOMAXPROCS=%d", procs), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			cfg := DefaultConfig()
			g, err := NewGenerator(cfg)
			if err != nil {
				b.Fatal(err)
			}
			s := g.Scene(0)
			mount := s.Path.Pose(0).Compose(cfg.Lidar.CameraFromLidar)
			b.ResetTimer()
			cpu0 := processCPU()
			for i := 0; i < b.N; i++ {
				Scan(s, cfg.Lidar, mount, uint64(i), 0)
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/scan")
			b.ReportMetric(float64((processCPU()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/scan")
		})
	}
}

// BenchmarkFrame is everything synthcam does per published frame except
// the ROS encoding: render, ground truth and LiDAR.
func BenchmarkFrame(b *testing.B) {
	g, err := NewGenerator(DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	g.Frame(0)
	b.ResetTimer()
	cpu0 := processCPU()
	for i := 0; i < b.N; i++ {
		g.Frame(i)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/frame")
	b.ReportMetric(float64((processCPU()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/frame")
}
