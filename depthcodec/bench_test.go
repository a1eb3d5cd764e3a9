package depthcodec

import (
	"bytes"
	"compress/flate"
	"fmt"
	"image"
	"image/png"
	"math"
	"testing"
)

// Benchmarks of the encoder; one core as the node runs it:
//   GOMAXPROCS=1 go test -run '^$' -bench . -benchmem ./depthcodec/

// benchDepth is a w x h room-like scene: a slanted floor and walls with a
// few holes, 0.5..12 m, so some pixels lie beyond depth_max.
func benchDepth(w, h int) []float32 {
	d := make([]float32, w*h)
	for y := range h {
		for x := range w {
			v := 0.5 + 11.5*float64(x)/float64(w) + 0.3*math.Sin(float64(y)/17)
			if (x*7+y*13)%101 == 0 {
				v = math.NaN()
			}
			d[y*w+x] = float32(v)
		}
	}
	return d
}

func BenchmarkEncode(b *testing.B) {
	for _, s := range [][2]int{{640, 480}, {1280, 720}} {
		b.Run(fmt.Sprintf("%dx%d", s[0], s[1]), func(b *testing.B) {
			depth := benchDepth(s[0], s[1])
			var e Encoder
			dst, err := e.Encode(depth, s[0], s[1], DefaultDepthMax, DefaultQuantization, nil)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				dst, _ = e.Encode(depth, s[0], s[1], DefaultDepthMax, DefaultQuantization, dst)
			}
			b.ReportMetric(float64(len(dst)), "bytes")
			b.ReportMetric(float64(4*len(depth))/float64(len(dst)), "ratio")
		})
	}
}

// BenchmarkImagePNG is the same codes through image/png at BestSpeed, for comparison.
func BenchmarkImagePNG(b *testing.B) {
	const w, h = 640, 480
	depth := benchDepth(w, h)
	q, _ := NewQuantizer(DefaultDepthMax, DefaultQuantization)
	img := image.NewGray16(image.Rect(0, 0, w, h))
	for i, d := range depth {
		c := q.Quantize(d)
		img.Pix[2*i], img.Pix[2*i+1] = byte(c>>8), byte(c)
	}
	enc := png.Encoder{CompressionLevel: png.CompressionLevel(flate.BestSpeed)}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := enc.Encode(&buf, img); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}
