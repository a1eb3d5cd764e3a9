package calib

import (
	"encoding/binary"
	"math"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user+system CPU time. The build machines are
// shared, so wall time per op swings with the neighbours' load; CPU time
// per op (reported as cpu-ms/op) does not.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds cpu-ms/op for the loop that started at start.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime(b)-start)/float64(b.N)/1e6, "cpu-ms/op")
}

// benchFrame is a 1280x720 relative depth image of the test scene with one
// 64-beam spin (131072 returns, 2% noise, 30% gross outliers).
func benchFrame(b *testing.B) (Frame, []Vec3) {
	b.Helper()
	scene := newTestScene()
	cam := sceneCamera(b, 1280, 720)
	rel, _ := relativeFrom(trueDepth(scene, cam), SpaceDepth)
	ext := sceneExtrinsic(b)
	pts := spinPoints(scene, ext, 0.02, 0.3, 5)
	return Frame{Relative: rel, Width: 1280, Height: 720, Camera: cam, Points: pts, LidarToCamera: &ext, Stamp: stampOf(1)}, pts
}

// BenchmarkProjectAndFit is the per-frame cost of the alignment itself:
// transforming and projecting every return, sampling relative depth, and the
// robust fit. Run it with -cpu 1 (GOMAXPROCS=1).
func BenchmarkProjectAndFit(b *testing.B) {
	f, pts := benchFrame(b)
	a := newTestAligner(b, nil)
	cfg := RobustFitConfig{MinPoints: a.cfg.MinPoints, InlierThreshold: a.cfg.InlierThreshold}.withDefaults()
	b.ResetTimer()
	start := cpuTime(b)
	var n int
	for i := 0; i < b.N; i++ {
		n = a.collect(&f)
		if _, err := a.fitter.fit(a.p[:n], a.g[:n], cfg); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
	b.ReportMetric(float64(len(pts)), "points")
	b.ReportMetric(float64(n), "in_view")
}

// BenchmarkAlign adds smoothing and writing the 1280x720 metric image.
func BenchmarkAlign(b *testing.B) {
	f, _ := benchFrame(b)
	a := newTestAligner(b, func(c *Config) { c.Smoothing = 0.8 })
	b.ResetTimer()
	start := cpuTime(b)
	for i := 0; i < b.N; i++ {
		f.Stamp = stampOf(1 + 0.1*float64(i))
		if _, _, err := a.Align(f); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// BenchmarkDecodeXYZ decodes a 131072-point FLOAT32 cloud with a 32-byte
// point step (x, y, z, intensity, ring, time: a typical driver layout).
func BenchmarkDecodeXYZ(b *testing.B) {
	const n = 64 * 2048
	pc := &PointCloud2{Height: 64, Width: 2048, PointStep: 32, RowStep: 32 * 2048,
		Fields: []PointField{{"x", 0, PointFieldFloat32, 1}, {"y", 4, PointFieldFloat32, 1}, {"z", 8, PointFieldFloat32, 1}, {"intensity", 16, PointFieldFloat32, 1}}}
	pc.Data = make([]byte, 32*n)
	for i := 0; i < n; i++ {
		for j := 0; j < 3; j++ {
			binary.LittleEndian.PutUint32(pc.Data[32*i+4*j:], math.Float32bits(float32(i+j)))
		}
	}
	dst := make([]Vec3, 0, n)
	b.SetBytes(int64(len(pc.Data)))
	b.ResetTimer()
	start := cpuTime(b)
	for i := 0; i < b.N; i++ {
		var err error
		if dst, err = DecodeXYZ(pc, dst[:0]); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}
