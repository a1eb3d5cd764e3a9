package inference

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
)

func BenchmarkDecodeImage(b *testing.B) {
	const w, h = 1280, 720
	truth := patternImage(w, h)
	for _, enc := range []string{"rgb8", "bgr8", "mono16", "bayer_rggb8"} {
		var step int
		var data []byte
		if enc == "bayer_rggb8" {
			step, data = mosaic(truth, bayerRGGB, 0)
		} else {
			step, data = encodeRaw(truth, enc, 0, false)
		}
		b.Run(enc, func(b *testing.B) {
			var dst RGB
			loopCPU(b, func() error { return DecodeImage(enc, w, h, step, false, data, &dst) })
		})
	}
}

func BenchmarkDecodeCompressed(b *testing.B) {
	const w, h = 1280, 720
	truth := patternImage(w, h)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			p := truth.Pix[(y*w+x)*3:]
			img.Set(x, y, color.RGBA{p[0], p[1], p[2], 255})
		}
	}
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, img, &jpeg.Options{Quality: 90}); err != nil {
		b.Fatal(err)
	}
	b.Run("jpeg", func(b *testing.B) {
		var dst RGB
		loopCPU(b, func() error { return DecodeCompressed("jpeg", jpg.Bytes(), &dst) })
	})
}
