package inference

import (
	"errors"
	"testing"
)

// truthImage is a small RGB image with distinct channels, so a swap shows.
func truthImage(w, h int) *RGB {
	img := &RGB{Width: w, Height: h, Pix: make([]byte, w*h*3)}
	for y := range h {
		for x := range w {
			i := (y*w + x) * 3
			img.Pix[i], img.Pix[i+1], img.Pix[i+2] = byte(200+x), byte(10*y), byte(7*x+3*y)
		}
	}
	return img
}

// encodeRaw lays truth out in an encoding with pad garbage bytes after every row.
func encodeRaw(truth *RGB, encoding string, pad int, bigEndian bool) (step int, data []byte) {
	bpp := map[string]int{"rgb8": 3, "bgr8": 3, "8UC3": 3, "rgba8": 4, "bgra8": 4, "mono8": 1, "mono16": 2, "16UC1": 2}[encoding]
	step = truth.Width*bpp + pad
	data = make([]byte, step*truth.Height)
	for i := range data {
		data[i] = 0xA5 // garbage a decoder must not read as pixels
	}
	for y := range truth.Height {
		for x := range truth.Width {
			p := truth.Pix[(y*truth.Width+x)*3:]
			d := data[y*step+x*bpp:]
			switch encoding {
			case "rgb8":
				copy(d, p[:3])
			case "bgr8", "8UC3":
				d[0], d[1], d[2] = p[2], p[1], p[0]
			case "rgba8":
				d[0], d[1], d[2], d[3] = p[0], p[1], p[2], 77
			case "bgra8":
				d[0], d[1], d[2], d[3] = p[2], p[1], p[0], 77
			case "mono8":
				d[0] = p[0]
			case "mono16", "16UC1":
				v := uint16(p[0]) * 257 // full-range 16-bit of the same intensity
				if bigEndian {
					d[0], d[1] = byte(v>>8), byte(v)
				} else {
					d[0], d[1] = byte(v), byte(v>>8)
				}
			}
		}
	}
	return step, data
}

func TestDecodeImageEncodings(t *testing.T) {
	truth := truthImage(13, 7)
	grey := &RGB{Width: truth.Width, Height: truth.Height, Pix: make([]byte, len(truth.Pix))}
	for i := 0; i < len(grey.Pix); i += 3 {
		grey.Pix[i], grey.Pix[i+1], grey.Pix[i+2] = truth.Pix[i], truth.Pix[i], truth.Pix[i]
	}
	cases := []struct {
		encoding  string
		pad       int
		bigEndian bool
		want      *RGB
	}{
		{"rgb8", 0, false, truth}, {"rgb8", 5, false, truth}, {"bgr8", 3, false, truth}, {"8UC3", 1, false, truth},
		{"rgba8", 4, false, truth}, {"bgra8", 8, false, truth}, {"mono8", 3, false, grey},
		{"mono16", 2, false, grey}, {"mono16", 6, true, grey}, {"16UC1", 0, true, grey},
	}
	for _, tc := range cases {
		name := tc.encoding
		if tc.bigEndian {
			name += "_bigendian"
		}
		t.Run(name, func(t *testing.T) {
			step, data := encodeRaw(truth, tc.encoding, tc.pad, tc.bigEndian)
			dst := &RGB{Pix: make([]byte, 0, 4)}
			if err := DecodeImage(tc.encoding, truth.Width, truth.Height, step, tc.bigEndian, data, dst); err != nil {
				t.Fatal(err)
			}
			if dst.Width != truth.Width || dst.Height != truth.Height || string(dst.Pix) != string(tc.want.Pix) {
				t.Fatalf("decoded %dx%d differs from the truth", dst.Width, dst.Height)
			}
		})
	}
}

func TestDecodeImageMono16Scaling(t *testing.T) {
	// cv_bridge scales 16-bit to 8-bit by 255/65535 with rounding.
	for _, v := range []uint16{0, 1, 128, 129, 256, 32767, 32768, 65407, 65408, 65535} {
		data := []byte{byte(v), byte(v >> 8)}
		var dst RGB
		if err := DecodeImage("mono16", 1, 1, 2, false, data, &dst); err != nil {
			t.Fatal(err)
		}
		want := byte(float64(v)*255/65535 + 0.5)
		if dst.Pix[0] != want {
			t.Errorf("mono16 %d -> %d, want %d", v, dst.Pix[0], want)
		}
	}
}

func TestDecodeImageRefusals(t *testing.T) {
	cases := []struct {
		name          string
		encoding      string
		width, height int
		step          int
		data          int
		want          error
	}{
		{"unknown encoding", "yuv422", 4, 4, 8, 32, ErrUnknownEncoding},
		{"empty encoding", "", 4, 4, 12, 48, ErrUnknownEncoding},
		{"zero width", "rgb8", 0, 4, 0, 10, ErrBadDimensions},
		{"negative height", "rgb8", 4, -1, 12, 10, ErrBadDimensions},
		{"absurd size", "rgb8", 100000, 100000, 300000, 10, ErrBadDimensions},
		{"too many pixels", "mono8", 30000, 30000, 30000, 10, ErrBadDimensions},
		{"step too small", "rgb8", 4, 4, 11, 48, ErrBadStep},
		{"negative step", "mono8", 4, 4, -1, 48, ErrBadStep},
		{"short data", "rgb8", 4, 4, 12, 47, ErrShortData},
		{"step beyond data", "mono8", 4, 4, 1 << 62, 16, ErrShortData},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dst := &RGB{}
			err := DecodeImage(tc.encoding, tc.width, tc.height, tc.step, false, make([]byte, tc.data), dst)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if cap(dst.Pix) != 0 {
				t.Errorf("allocated %d bytes for a refused image", cap(dst.Pix))
			}
		})
	}
}

func FuzzDecodeImage(f *testing.F) {
	f.Add("rgb8", 4, 4, 12, false, make([]byte, 48))
	f.Add("bayer_rggb8", 3, 5, 4, false, make([]byte, 20))
	f.Add("mono16", 2, 2, 4, true, make([]byte, 8))
	f.Fuzz(func(t *testing.T, enc string, w, h, step int, be bool, data []byte) {
		var dst RGB
		if err := DecodeImage(enc, w, h, step, be, data, &dst); err == nil && len(dst.Pix) != w*h*3 {
			t.Fatalf("accepted %dx%d but produced %d bytes", w, h, len(dst.Pix))
		}
	})
}
