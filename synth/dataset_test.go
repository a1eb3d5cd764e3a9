package synth

import (
	"errors"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"testing"
)

// TestDatasetRoundTrip writes frames with WriteDataset and reads them back
// with LoadFrame: RGB exact, depth within the 1 mm quantisation, normals
// within 1/65535 per channel, invalid pixels preserved.
func TestDatasetRoundTrip(t *testing.T) {
	cases := []struct {
		name   string
		scenes SceneKind
		seed   int64
	}{
		{"indoor", SceneIndoor, 3},
		{"outdoor with sky", SceneOutdoor, 5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := DefaultConfig()
			cfg.Width, cfg.Height, cfg.Seed, cfg.Scenes = 64, 48, c.seed, c.scenes
			cfg.FramesPerScene, cfg.Stride, cfg.Lidar.Beams = 2, 30, 0
			g, err := NewGenerator(cfg)
			if err != nil {
				t.Fatal(err)
			}
			const frames = 3
			if err := WriteDataset(dir, g, frames, nil); err != nil {
				t.Fatal(err)
			}
			cam, err := LoadCamera(dir)
			if err != nil {
				t.Fatal(err)
			}
			in := g.Intrinsics()
			if cam.Intrinsics() != in || cam.Seed != c.seed || cam.Frames != frames {
				t.Fatalf("camera.json %+v, want %+v seed %d frames %d", cam, in, c.seed, frames)
			}
			for i := 0; i < frames; i++ {
				want := g.Frame(i).Image
				got, err := LoadFrame(dir, i)
				if err != nil {
					t.Fatal(err)
				}
				compareImages(t, i, got, want)
			}
			if _, err := LoadFrame(dir, frames); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("LoadFrame past the end: %v, want not-exist", err)
			}
		})
	}
}

func compareImages(t *testing.T, i int, got, want *Image) {
	t.Helper()
	for p := range want.Depth {
		for c := 0; c < 3; c++ {
			if got.RGB[3*p+c] != want.RGB[3*p+c] {
				t.Fatalf("frame %d pixel %d: rgb %v, want %v", i, p, got.RGB[3*p:3*p+3], want.RGB[3*p:3*p+3])
			}
		}
		wd, gd := float64(want.Depth[p]), float64(got.Depth[p])
		if math.IsNaN(wd) != math.IsNaN(gd) {
			t.Fatalf("frame %d pixel %d: depth %g, want %g", i, p, gd, wd)
		}
		if math.IsNaN(wd) {
			if !math.IsNaN(float64(got.Normals[3*p])) {
				t.Fatalf("frame %d pixel %d: normal valid where depth is not", i, p)
			}
			continue
		}
		if math.Abs(gd-wd) > 0.0005+1e-6 {
			t.Fatalf("frame %d pixel %d: depth %g, want %g +- 0.5 mm", i, p, gd, wd)
		}
		for c := 0; c < 3; c++ {
			// (n+1)/2*65535 rounded: at most half a step of 2/65535.
			if d := math.Abs(float64(got.Normals[3*p+c] - want.Normals[3*p+c])); d > 1.0/65535+1e-6 {
				t.Fatalf("frame %d pixel %d: normal %v, want %v", i, p, got.Normals[3*p:3*p+3], want.Normals[3*p:3*p+3])
			}
		}
	}
}

// TestDatasetFileFormats checks the PNG kinds of the on-disk contract:
// 8-bit RGB, 16-bit grey depth, 16-bit RGB normals, zero where invalid.
func TestDatasetFileFormats(t *testing.T) {
	dir := t.TempDir()
	img := NewImage(DefaultIntrinsics(2, 1))
	img.RGB = []uint8{10, 20, 30, 40, 50, 60}
	img.Depth = []float32{1.2344, float32(math.NaN())}
	nan := float32(math.NaN())
	img.Normals = []float32{0, -0.6, -0.75, nan, nan, nan}
	if err := SaveImage(dir, 7, img); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		kind       string
		depth, typ byte         // PNG bit depth and colour type (2 truecolour, 0 grey)
		px         [2][4]uint32 // RGBA() of pixels 0 and 1
	}{
		{"rgb", 8, 2, [2][4]uint32{{10 * 257, 20 * 257, 30 * 257, 65535}, {40 * 257, 50 * 257, 60 * 257, 65535}}},
		{"depth", 16, 0, [2][4]uint32{{1234, 1234, 1234, 65535}, {0, 0, 0, 65535}}},
		// (0+1)/2*65535 = 32767.5 -> 32768; (-0.6+1)/2*65535 = 13107; (-0.75+1)/2*65535 = 8191.875 -> 8192.
		{"normals", 16, 2, [2][4]uint32{{32768, 13107, 8192, 65535}, {0, 0, 0, 65535}}},
	}
	for _, c := range cases {
		t.Run(c.kind, func(t *testing.T) {
			path := FramePath(dir, 7, c.kind)
			if d, typ := ihdr(t, path); d != c.depth || typ != c.typ {
				t.Errorf("bit depth %d colour type %d, want %d and %d", d, typ, c.depth, c.typ)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			im, err := png.Decode(f)
			if err != nil {
				t.Fatal(err)
			}
			for x := 0; x < 2; x++ {
				r, g, b, a := im.At(x, 0).RGBA()
				if got := [4]uint32{r, g, b, a}; got != c.px[x] {
					t.Errorf("pixel %d: %v, want %v", x, got, c.px[x])
				}
			}
		})
	}
}

// ihdr returns a PNG's bit depth and colour type from its header.
func ihdr(t *testing.T, path string) (depth, colourType byte) {
	b, err := os.ReadFile(path)
	if err != nil || len(b) < 26 {
		t.Fatalf("read %s: %v", path, err)
	}
	// 8-byte signature, 4-byte length, "IHDR", width, height, then depth and type.
	return b[24], b[25]
}

// TestPixelReaders checks the fast paths of the PNG pixel readers against
// the generic colour conversion on other image types.
func TestPixelReaders(t *testing.T) {
	r := image.Rect(0, 0, 2, 1)
	rgba, nrgba := image.NewRGBA(r), image.NewNRGBA(r)
	g16, n64 := image.NewGray16(r), image.NewNRGBA64(r)
	r64 := image.NewRGBA64(r)
	for x := 0; x < 2; x++ {
		c := color.NRGBA{uint8(10 + x), uint8(200 - x), 7, 255}
		rgba.Set(x, 0, c)
		nrgba.Set(x, 0, c)
		g16.SetGray16(x, 0, color.Gray16{uint16(1234 + 40000*x)})
		c64 := color.NRGBA64{uint16(300 + x), uint16(65000 - x), uint16(32768 * x), 65535}
		n64.SetNRGBA64(x, 0, c64)
		r64.Set(x, 0, c64)
	}
	for x := 0; x < 2; x++ {
		a1, a2, a3 := rgb8(rgba, x, 0)
		b1, b2, b3 := rgb8(nrgba, x, 0)
		if a1 != b1 || a2 != b2 || a3 != b3 || a1 != uint8(10+x) {
			t.Errorf("rgb8 pixel %d: fast %d %d %d, generic %d %d %d", x, a1, a2, a3, b1, b2, b3)
		}
		if got, want := grey16(g16, x, 0), uint32(1234+40000*x); got != want {
			t.Errorf("grey16 pixel %d: %d, want %d", x, got, want)
		}
		c1, c2, c3 := rgb16(r64, x, 0)
		d1, d2, d3 := rgb16(n64, x, 0)
		if c1 != d1 || c2 != d2 || c3 != d3 || c1 != uint32(300+x) {
			t.Errorf("rgb16 pixel %d: fast %d %d %d, generic %d %d %d", x, c1, c2, c3, d1, d2, d3)
		}
	}
}
