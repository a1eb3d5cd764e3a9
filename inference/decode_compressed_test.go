package inference

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDecodeCompressed(t *testing.T) {
	truth := truthImage(24, 16)
	rgba := image.NewRGBA(image.Rect(0, 0, truth.Width, truth.Height))
	nrgba := image.NewNRGBA(rgba.Rect)
	gray := image.NewGray(rgba.Rect)
	gray16 := image.NewGray16(rgba.Rect)
	for y := range truth.Height {
		for x := range truth.Width {
			p := truth.Pix[(y*truth.Width+x)*3:]
			rgba.Set(x, y, color.RGBA{p[0], p[1], p[2], 255})
			nrgba.Set(x, y, color.NRGBA{p[0], p[1], p[2], 255})
			gray.Set(x, y, color.Gray{p[0]})
			gray16.Set(x, y, color.Gray16{uint16(p[0]) * 257})
		}
	}
	grey := &RGB{Width: truth.Width, Height: truth.Height, Pix: make([]byte, len(truth.Pix))}
	for i := 0; i < len(grey.Pix); i += 3 {
		grey.Pix[i], grey.Pix[i+1], grey.Pix[i+2] = truth.Pix[i], truth.Pix[i], truth.Pix[i]
	}
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, rgba, &jpeg.Options{Quality: 100}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, format string
		data         []byte
		want         *RGB
		tol          int
	}{
		{"png rgb", "rgb8; png compressed bgr8", encodePNG(t, rgba), truth, 0},
		{"png nrgba", "png", encodePNG(t, nrgba), truth, 0},
		{"png gray", "mono8; png compressed mono8", encodePNG(t, gray), grey, 0},
		{"png gray16", "mono16; png compressed mono16", encodePNG(t, gray16), grey, 0},
		{"png sniffed", "", encodePNG(t, rgba), truth, 0},
		// JPEG is lossy (chroma subsampling); the tolerance still catches a channel swap.
		{"jpeg", "bgr8; jpeg compressed bgr8", jpg.Bytes(), truth, 12},
		{"jpeg sniffed", "", jpg.Bytes(), truth, 12},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got RGB
			if err := DecodeCompressed(tc.format, tc.data, &got); err != nil {
				t.Fatal(err)
			}
			if got.Width != tc.want.Width || got.Height != tc.want.Height {
				t.Fatalf("decoded %dx%d", got.Width, got.Height)
			}
			worst, sum := 0, 0
			for i := range got.Pix {
				d := abs(int(got.Pix[i]) - int(tc.want.Pix[i]))
				worst, sum = max(worst, d), sum+d
			}
			t.Logf("max |diff| %d, mean %.2f", worst, float64(sum)/float64(len(got.Pix)))
			if worst > tc.tol {
				t.Errorf("max |diff| %d > %d", worst, tc.tol)
			}
		})
	}
}

// pngWithSize returns a valid PNG whose IHDR claims w x h (with a correct CRC).
func pngWithSize(t *testing.T, w, h uint32) []byte {
	data := encodePNG(t, image.NewGray(image.Rect(0, 0, 2, 2)))
	// signature (8) + length (4) + "IHDR" (4) + width + height ...
	binary.BigEndian.PutUint32(data[16:], w)
	binary.BigEndian.PutUint32(data[20:], h)
	binary.BigEndian.PutUint32(data[29:], crc32.ChecksumIEEE(data[12:29]))
	return data
}

// jpegWithSize returns a valid JPEG whose frame header (SOF0) claims w x h.
func jpegWithSize(t *testing.T, w, h uint16) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	sof := bytes.Index(data, []byte{0xff, 0xc0})
	if sof < 0 {
		t.Fatal("no SOF0 marker in image/jpeg's output")
	}
	// marker (2) + length (2) + precision (1) + height + width
	binary.BigEndian.PutUint16(data[sof+5:], h)
	binary.BigEndian.PutUint16(data[sof+7:], w)
	return data
}

func TestDecodeCompressedRefusals(t *testing.T) {
	good := encodePNG(t, image.NewRGBA(image.Rect(0, 0, 8, 8)))
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, image.NewRGBA(image.Rect(0, 0, 32, 32)), nil); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, format string
		data         []byte
		want         error
	}{
		{"truncated png", "png", good[:len(good)/2], ErrCorrupt},
		{"truncated jpeg", "jpeg", jpg.Bytes()[:len(jpg.Bytes())/2], ErrCorrupt},
		{"jpeg cut inside a segment", "jpeg", append([]byte{0xff, 0xd8, 0xff, 0xe0}, bytes.Repeat([]byte{0x42}, 64)...), ErrCorrupt},
		{"png labelled jpeg", "jpeg", good, ErrCorrupt},
		{"garbage", "png", []byte("definitely not an image"), ErrCorrupt},
		{"empty", "jpeg", nil, ErrCorrupt},
		{"empty unknown", "", nil, ErrCorrupt},
		{"huge header", "png", pngWithSize(t, 100000, 100000), ErrBadDimensions},
		{"huge jpeg header", "jpeg", jpegWithSize(t, 60000, 60000), ErrBadDimensions},
		{"unknown format", "tiff", good, ErrUnknownEncoding},
		{"compressed depth", "16UC1; compressedDepth png", good, ErrUnknownEncoding},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var dst RGB
			err := DecodeCompressed(tc.format, tc.data, &dst)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if tc.want == ErrBadDimensions && !errors.Is(err, ErrCorrupt) {
				t.Errorf("a lying header should also be ErrCorrupt: %v", err)
			}
			// The node counts bad input by reason: corrupt data must not read as a size problem.
			if tc.want == ErrCorrupt && errors.Is(err, ErrBadDimensions) {
				t.Errorf("corrupt data reported as bad dimensions: %v", err)
			}
		})
	}
}

func FuzzDecodeCompressed(f *testing.F) {
	f.Add("png", encodePNG(f, image.NewRGBA(image.Rect(0, 0, 3, 2))))
	var jpg bytes.Buffer
	jpeg.Encode(&jpg, image.NewRGBA(image.Rect(0, 0, 9, 9)), nil)
	f.Add("jpeg", jpg.Bytes())
	f.Fuzz(func(t *testing.T, format string, data []byte) {
		var dst RGB
		if err := DecodeCompressed(format, data, &dst); err == nil && len(dst.Pix) != dst.Width*dst.Height*3 {
			t.Fatalf("accepted %dx%d with %d bytes", dst.Width, dst.Height, len(dst.Pix))
		}
	})
}
