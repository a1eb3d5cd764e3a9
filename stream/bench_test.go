package stream

import (
	"image"
	"math"
	"syscall"
	"testing"
	"time"

	"github.com/pion/mediadevices/pkg/codec/vpx"
	"github.com/pion/mediadevices/pkg/frame"
	"github.com/pion/mediadevices/pkg/io/video"
	"github.com/pion/mediadevices/pkg/prop"
)

// cpuTime is the process's user+system CPU time. The build machines are
// shared, so wall-clock ms/frame swings with the neighbours' load; CPU time
// per frame (with GOMAXPROCS=1) is the cost that does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// movingScenes makes n distinct 640x480 frames (a textured camera image,
// a depth ramp and curved-surface normals that move from frame to frame),
// so the encoder works as it would on a live scene, not on a still.
func movingScenes(n, w, h int, metric bool) []*Frame {
	frames := make([]*Frame, n)
	for k := range frames {
		f := &Frame{Width: w, Height: h, RGB: make([]byte, 3*w*h), Depth: make([]float32, w*h), Normals: make([]float32, 3*w*h)}
		if metric {
			f.Metric = make([]float32, w*h)
			f.Stats.Align.Enabled = true
		}
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				i := y*w + x
				xs := float64(x + 4*k)
				f.RGB[3*i] = byte(128 + 100*math.Sin(xs/17)*math.Cos(float64(y)/23))
				f.RGB[3*i+1] = byte((x*3 + y*5 + 7*k) & 0xff)
				f.RGB[3*i+2] = byte(128 + 90*math.Sin(float64(x*y)/2000+float64(k)/3))
				d := 0.5 + 0.5*math.Sin(xs/90)*math.Cos(float64(y)/70)
				f.Depth[i] = float32(d)
				nx, ny := math.Sin(xs/60)*0.5, math.Cos(float64(y)/50)*0.5
				nz := -math.Sqrt(1 - nx*nx - ny*ny)
				f.Normals[3*i], f.Normals[3*i+1], f.Normals[3*i+2] = float32(nx), float32(ny), float32(nz)
				if metric {
					f.Metric[i] = float32(1 + 8*d)
				}
			}
		}
		frames[k] = f
	}
	return frames
}

// BenchmarkPreviewFrame is the stream's whole per-frame cost for a 640x480
// camera at the default tile width: tiles sampled, colour-mapped, composed,
// converted to I420 and VP8-encoded (libvpx, realtime). Run with -cpu 1 for
// the single-core figure.
func BenchmarkPreviewFrame(b *testing.B) {
	for _, bc := range []struct {
		name      string
		tileWidth int
		metric    bool
	}{
		{"3tiles_640", 640, false},
		{"4tiles_640", 640, true},
		{"3tiles_320", 320, false},
	} {
		b.Run(bc.name, func(b *testing.B) {
			frames := movingScenes(16, 640, 480, bc.metric)
			comp := newComposer(bc.tileWidth, 10)
			_, l := comp.compose(frames[0])
			enc, err := newVP8Encoder(l.Width, l.Height, defaultBitrateKbps)
			if err != nil {
				b.Fatal(err)
			}
			defer enc.close()
			bytes := 0
			i := 0
			cpu0 := cpuTime()
			for b.Loop() {
				img, _ := comp.compose(frames[i%len(frames)])
				data, _, err := enc.encode(img)
				if err != nil {
					b.Fatal(err)
				}
				bytes += len(data)
				i++
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(i), "ms/frame")
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(i), "cpu-ms/frame")
			b.ReportMetric(float64(bytes)/float64(i), "B/frame")
		})
	}
}

// BenchmarkMediadevicesVP8 encodes the same frames with pion/mediadevices'
// libvpx wrapper, which cannot set libvpx's speed (cpu-used) and re-applies
// the configuration every frame; it is why the stream has its own wrapper.
func BenchmarkMediadevicesVP8(b *testing.B) {
	frames := movingScenes(16, 640, 480, false)
	comp := newComposer(640, 10)
	_, l := comp.compose(frames[0])
	p, err := vpx.NewVP8Params()
	if err != nil {
		b.Fatal(err)
	}
	p.BitRate, p.LagInFrames, p.RateControlEndUsage = defaultBitrateKbps*1000, 0, vpx.RateControlCBR
	var next image.Image
	enc, err := p.BuildVideoEncoder(video.ReaderFunc(func() (image.Image, func(), error) { return next, func() {}, nil }),
		prop.Media{Video: prop.Video{Width: l.Width, Height: l.Height, FrameFormat: frame.FormatI420}})
	if err != nil {
		b.Fatal(err)
	}
	defer enc.Close()
	i := 0
	cpu0 := cpuTime()
	for b.Loop() {
		next, _ = comp.compose(frames[i%len(frames)])
		if _, _, err := enc.Read(); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(i), "ms/frame")
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(i), "cpu-ms/frame")
}

// BenchmarkCompose is the Go side alone (sampling, colour maps, I420).
func BenchmarkCompose(b *testing.B) {
	frames := movingScenes(4, 640, 480, false)
	comp := newComposer(640, 10)
	i := 0
	cpu0 := cpuTime()
	for b.Loop() {
		comp.compose(frames[i%len(frames)])
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(i), "ms/frame")
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(i), "cpu-ms/frame")
}

// BenchmarkPushNoViewer shows what a frame costs the node when nobody
// watches: nothing is composed or encoded.
func BenchmarkPushNoViewer(b *testing.B) {
	s, _ := startServer(b, Config{})
	frames := movingScenes(1, 640, 480, false)
	for b.Loop() {
		s.Push(frames[0])
	}
	c := s.Counters()
	if c.FramesEncoded != 0 {
		b.Fatalf("encoded %d frames with no viewer", c.FramesEncoded)
	}
	b.ReportMetric(float64(c.FramesEncoded), "encoded")
}
