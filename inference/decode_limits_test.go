package inference

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"runtime"
	"testing"
	"time"
)

// scanBomb builds a grey w x h (multiples of 8) progressive JPEG whose DC scan is repeated
// scans times: each scan is valid on its own (every DC difference 0, one Huffman bit per block),
// so only the count makes it hostile.
func scanBomb(w, h, scans int) []byte {
	var b bytes.Buffer
	seg := func(marker byte, payload ...byte) {
		b.Write([]byte{0xff, marker})
		_ = binary.Write(&b, binary.BigEndian, uint16(len(payload)+2))
		b.Write(payload)
	}
	b.Write([]byte{0xff, 0xd8})
	dqt := append([]byte{0}, bytes.Repeat([]byte{1}, 64)...)
	seg(0xdb, dqt...)
	seg(0xc2, 8, byte(h>>8), byte(h), byte(w>>8), byte(w), 1, 1, 0x11, 0) // SOF2, one component
	seg(0xc4, append([]byte{0x00, 1}, append(make([]byte, 15), 0)...)...) // DC table 0: one 1-bit code, category 0
	blocks := (w / 8) * (h / 8)
	ecs := make([]byte, (blocks+7)/8)
	if k := blocks % 8; k != 0 {
		ecs[len(ecs)-1] = 0xff >> k // pad the last byte with ones
	}
	for range scans {
		seg(0xda, 1, 1, 0x00, 0, 0, 0) // one component, DC first scan Ss=Se=0, Ah=Al=0
		b.Write(ecs)
	}
	b.Write([]byte{0xff, 0xd9})
	return b.Bytes()
}

func TestScanBombIsRefusedQuickly(t *testing.T) {
	for _, tc := range []struct {
		name        string
		w, h, scans int
		wantRefusal bool
		wantScans   int
	}{
		{"one scan decodes", 64, 64, 1, false, 1},
		{"at the limit decodes", 16, 16, MaxJPEGScans, false, MaxJPEGScans},
		{"one over the limit", 16, 16, MaxJPEGScans + 1, true, MaxJPEGScans + 1},
		{"bomb", 512, 512, 20000, true, MaxJPEGScans + 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := scanBomb(tc.w, tc.h, tc.scans)
			if n := countJPEGScans(data, MaxJPEGScans); n != tc.wantScans {
				t.Fatalf("counted %d scans, want %d", n, tc.wantScans)
			}
			var dst RGB
			t0 := time.Now()
			err := DecodeCompressed("jpeg", data, &dst)
			took := time.Since(t0)
			if !tc.wantRefusal {
				if err != nil || dst.Width != tc.w || dst.Height != tc.h {
					t.Fatalf("got %v, %dx%d", err, dst.Width, dst.Height)
				}
				return
			}
			if !errors.Is(err, ErrTooComplex) || !errors.Is(err, ErrCorrupt) {
				t.Fatalf("got %v, want ErrTooComplex wrapping ErrCorrupt", err)
			}
			// Generous (a loaded CI machine): before the limit the bomb took many seconds.
			if took > 2*time.Second {
				t.Errorf("refusal took %v", took)
			}
		})
	}
}

func TestCountJPEGScansSkipsSegmentPayloads(t *testing.T) {
	// An APP segment full of bytes that look like SOS markers, as an EXIF thumbnail would have.
	one := scanBomb(16, 16, 1)
	app := append([]byte{0xff, 0xe1, 0x02, 0x02}, bytes.Repeat([]byte{0xff, 0xda}, 256)...)
	data := append(append(append([]byte{}, one[:2]...), app...), one[2:]...)
	if n := countJPEGScans(data, MaxJPEGScans); n != 1 {
		t.Fatalf("counted %d scans, want 1", n)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewRGBA(image.Rect(0, 0, 40, 24)), nil); err != nil {
		t.Fatal(err)
	}
	if n := countJPEGScans(b.Bytes(), MaxJPEGScans); n != 1 {
		t.Fatalf("baseline JPEG: %d scans, want 1", n)
	}
}

func TestPixelBudget(t *testing.T) {
	small := encodePNG(t, image.NewGray(image.Rect(0, 0, 2, 2)))
	for _, tc := range []struct {
		name string
		lim  Limits
		dec  func(lim Limits, dst *RGB) error
		want error
	}{
		{"png 16384x16384", Limits{}, func(l Limits, d *RGB) error {
			return DecodeCompressedLimited("png", pngWithSize(t, 16384, 16384), d, l)
		}, ErrTooLarge},
		{"jpeg 16384x16384", Limits{}, func(l Limits, d *RGB) error {
			return DecodeCompressedLimited("jpeg", jpegWithSize(t, 16384, 16384), d, l)
		}, ErrTooLarge},
		{"raw 8192x8192", Limits{}, func(l Limits, d *RGB) error {
			return DecodeImageLimited("mono8", 8192, 8192, 8192, false, make([]byte, 10), d, l)
		}, ErrTooLarge},
		{"4096x2160 fits the default", Limits{}, func(l Limits, d *RGB) error {
			return DecodeImageLimited("mono8", 4096, 2160, 4096, false, make([]byte, 4096*2160), d, l)
		}, nil},
		{"a tighter budget", Limits{MaxPixels: 3}, func(l Limits, d *RGB) error { return DecodeCompressedLimited("png", small, d, l) }, ErrTooLarge},
		{"old entry point has the default", Limits{}, func(_ Limits, d *RGB) error { return DecodeCompressed("png", pngWithSize(t, 16384, 16384), d) }, ErrTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			var dst RGB
			err := tc.dec(tc.lim, &dst)
			runtime.ReadMemStats(&after)
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, tc.want) || !errors.Is(err, ErrBadDimensions) {
				t.Fatalf("got %v, want %v (and ErrBadDimensions)", err, tc.want)
			}
			if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
				t.Errorf("refusal allocated %d bytes", got)
			}
		})
	}
}

func TestBuffersShrinkAfterAnOutlier(t *testing.T) {
	big := image.NewRGBA(image.Rect(0, 0, 1024, 1024))
	for i := range big.Pix {
		big.Pix[i] = byte(i)
	}
	bigJPEG := encodeJPEGImage(t, big)
	smallJPEG := encodeJPEGImage(t, image.NewUniform(color.Gray{90}), 64, 48)
	var dst RGB
	if err := DecodeCompressed("jpeg", bigJPEG, &dst); err != nil {
		t.Fatal(err)
	}
	if cap(dst.Pix) < 1024*1024*3 {
		t.Fatalf("cap %d after the big frame", cap(dst.Pix))
	}
	for range 3 {
		if err := DecodeCompressed("jpeg", smallJPEG, &dst); err != nil {
			t.Fatal(err)
		}
	}
	if c := cap(dst.Pix); c > shrinkFactor*64*48*3 && c >= minShrinkBytes {
		t.Errorf("cap %d after small frames, want at most %d", c, shrinkFactor*64*48*3)
	}
	// Within the factor the buffer is kept: no reallocation for sizes that alternate.
	s := grow(make([]float32, 0, 1<<20), 1<<19)
	if cap(s) != 1<<20 {
		t.Errorf("grow reallocated within the factor: cap %d", cap(s))
	}
	if s = grow(s, 1<<17); cap(s) != 1<<17 {
		t.Errorf("grow kept %d for 1<<17", cap(s))
	}
}

// encodeJPEGImage encodes img (cropped to w x h when given) with image/jpeg.
func encodeJPEGImage(t *testing.T, img image.Image, wh ...int) []byte {
	t.Helper()
	if len(wh) == 2 {
		img = image.NewGray(image.Rect(0, 0, wh[0], wh[1]))
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
