package synth

import (
	"fmt"
	"testing"
)

// BenchmarkRender renders 640x480 frames of the default sequence (first
// frames of scenes 0..3, indoor and outdoor) with 1 and 2 workers.
func BenchmarkRender(b *testing.B) {
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("640x480/workers=%d", workers), func(b *testing.B) {
			cfg := DefaultConfig()
			cfg.FramesPerScene = 1
			g, err := NewGenerator(cfg)
			if err != nil {
				b.Fatal(err)
			}
			img := NewImage(g.Intrinsics())
			scenes := make([]*Scene, 4)
			for k := range scenes {
				scenes[k] = g.Scene(k)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				s := scenes[i%len(scenes)]
				Render(s, s.Path.Pose(float64(i)), img, workers)
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/frame")
		})
	}
}

// BenchmarkLidarScan casts one default revolution (16 x 1024 rays).
func BenchmarkLidarScan(b *testing.B) {
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("16x1024/workers=%d", workers), func(b *testing.B) {
			cfg := DefaultConfig()
			g, err := NewGenerator(cfg)
			if err != nil {
				b.Fatal(err)
			}
			s := g.Scene(0)
			mount := s.Path.Pose(0).Compose(cfg.Lidar.CameraFromLidar)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				Scan(s, cfg.Lidar, mount, uint64(i), workers)
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/scan")
		})
	}
}
