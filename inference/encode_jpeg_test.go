package inference

import (
	"bytes"
	"errors"
	"image/jpeg"
	"testing"
)

func TestEncodeJPEGRoundTrip(t *testing.T) {
	const w, h = 64, 48
	img := patternImage(w, h)
	bgr := make([]byte, len(img.Pix))
	for i := 0; i < len(bgr); i += 3 {
		bgr[i], bgr[i+1], bgr[i+2] = img.Pix[i+2], img.Pix[i+1], img.Pix[i]
	}
	cases := []struct {
		name    string
		pix     []byte
		bgr     bool
		quality int
		maxMean float64 // mean |diff| after decoding, in levels
	}{
		{"rgb q95", img.Pix, false, 95, 4},
		{"bgr q95", bgr, true, 95, 4},
		{"rgb q80", img.Pix, false, 80, 8},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			jpg, err := EncodeJPEG(c.pix, w, h, c.bgr, c.quality, nil)
			if err != nil {
				t.Fatal(err)
			}
			// Go's own decoder is the independent reader of the stream.
			if cfg, err := jpeg.DecodeConfig(bytes.NewReader(jpg)); err != nil || cfg.Width != w || cfg.Height != h {
				t.Fatalf("image/jpeg reads %+v, %v", cfg, err)
			}
			if _, err := jpeg.Decode(bytes.NewReader(jpg)); err != nil {
				t.Fatalf("image/jpeg cannot decode it: %v", err)
			}
			var got RGB
			if err := DecodeCompressed("jpeg", jpg, &got); err != nil {
				t.Fatal(err)
			}
			if got.Width != w || got.Height != h {
				t.Fatalf("decoded %dx%d", got.Width, got.Height)
			}
			var sum float64
			for i, v := range got.Pix {
				sum += float64(max(int(v)-int(img.Pix[i]), int(img.Pix[i])-int(v)))
			}
			mean := sum / float64(len(got.Pix))
			t.Logf("%d bytes, mean |diff| %.2f levels", len(jpg), mean)
			if mean > c.maxMean {
				t.Errorf("mean |diff| %.2f > %.2f", mean, c.maxMean)
			}
		})
	}
	for _, bad := range []struct {
		name string
		err  error
		call func() error
	}{
		{"short data", ErrShortData, func() error { _, err := EncodeJPEG(img.Pix[:10], w, h, false, 80, nil); return err }},
		{"zero size", ErrBadDimensions, func() error { _, err := EncodeJPEG(img.Pix, 0, h, false, 80, nil); return err }},
		{"quality 0", ErrBadConfig, func() error { _, err := EncodeJPEG(img.Pix, w, h, false, 0, nil); return err }},
	} {
		if err := bad.call(); !errors.Is(err, bad.err) {
			t.Errorf("%s: got %v, want %v", bad.name, err, bad.err)
		}
	}
}

// BenchmarkEncodeJPEG is the cost of one */color/compressed message at 640x480.
func BenchmarkEncodeJPEG(b *testing.B) {
	img := patternImage(640, 480)
	var dst []byte
	loopCPU(b, func() error {
		var err error
		dst, err = EncodeJPEG(img.Pix, 640, 480, true, 80, dst)
		return err
	})
}
