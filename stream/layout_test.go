package stream

import (
	"math"
	"runtime"
	"testing"
	"time"

	"github.com/depthnode/depthnode/stream/streamtest"
)

// oddSizes are camera sizes with extreme or degenerate aspects.
var oddSizes = []struct{ w, h int }{{2, 4096}, {4096, 2}, {1, 32768}, {32768, 1}, {1, 1}, {3, 5}, {640, 480}, {1920, 1080}}

// TestLayoutFitsTheBox checks that any camera size gives a tile within the
// 4:3 box, even, never empty, with the image's aspect kept up to rounding.
func TestLayoutFitsTheBox(t *testing.T) {
	for _, tw := range []int{16, 160, 640, 4096} {
		boxH := maxTileHeight(tw)
		for _, sz := range oddSizes {
			l := layoutFor(&Frame{Width: sz.w, Height: sz.h}, tw)
			iw, ih := l.ImageWidth, l.ImageHeight
			if l.TileWidth != tw || l.TileHeight > max(boxH, minTileHeight) || l.TileHeight < minTileHeight ||
				iw < 2 || ih < 2 || iw%2 != 0 || ih%2 != 0 || l.TileHeight%2 != 0 || l.ImageX%2 != 0 || l.ImageY%2 != 0 ||
				l.ImageX+iw > tw || l.ImageY+ih > l.TileHeight {
				t.Fatalf("tile width %d, %dx%d: layout %+v", tw, sz.w, sz.h, l)
			}
			// Independent answer: the exact fitted size, then rounded and clamped.
			scale := math.Min(float64(tw)/float64(sz.w), float64(boxH)/float64(sz.h))
			ew, eh := float64(sz.w)*scale, float64(sz.h)*scale
			if math.Abs(float64(iw)-math.Max(ew, 2)) > 2 || math.Abs(float64(ih)-math.Max(eh, 2)) > 2 {
				t.Errorf("tile width %d, %dx%d: image %dx%d, exact fit %.1fx%.1f", tw, sz.w, sz.h, iw, ih, ew, eh)
			}
		}
	}
}

// oddFrame is a uniform frame of any size, all four tiles.
func oddFrame(w, h int) *Frame {
	return sceneSpec{w: w, h: h, rgb: [3]byte{200, 40, 40}, depth: 0.3, normal: [3]float32{0, 0, -1}, metric: 4}.frame()
}

// TestOddSizesComposeAndEncode runs the compose+encode path for extreme
// aspects: allocation stays near the preview's own size and libvpx accepts
// every frame.
func TestOddSizesComposeAndEncode(t *testing.T) {
	const tw = 160
	for _, sz := range oddSizes {
		f := oddFrame(sz.w, sz.h)
		if err := f.check(); err != nil {
			t.Fatalf("%dx%d: %v", sz.w, sz.h, err)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		c := newComposer(tw, 10)
		img, l := c.compose(f)
		runtime.ReadMemStats(&after)
		// canvas (3 B/px) + I420 (1.5 B/px) + maps: well under 8 B per preview pixel.
		if got, bound := after.TotalAlloc-before.TotalAlloc, uint64(8*l.Width*l.Height+64<<10); got > bound {
			t.Errorf("%dx%d: compose allocated %d bytes, bound %d", sz.w, sz.h, got, bound)
		}
		if img.Rect.Dx() != l.Width || img.Rect.Dy() != l.Height {
			t.Fatalf("%dx%d: image %v, layout %+v", sz.w, sz.h, img.Rect, l)
		}
		// The middle of the image is the camera colour, the letterbox corner black.
		if e := colourErr(tileColour(img, l, 0), [3]byte{200, 40, 40}); l.ImageWidth >= 8 && l.ImageHeight >= 8 && e > 3 {
			t.Errorf("%dx%d: camera tile %.0f", sz.w, sz.h, tileColour(img, l, 0))
		}
		if l.ImageX > 0 || l.ImageY > 0 {
			if y := img.Y[0]; y > 17 {
				t.Errorf("%dx%d: letterbox corner luma %d, want black", sz.w, sz.h, y)
			}
		}
		enc, err := newVP8Encoder(l.Width, l.Height, 500)
		if err != nil {
			t.Fatalf("%dx%d: %v", sz.w, sz.h, err)
		}
		data, key, err := enc.encode(img)
		_ = enc.close()
		if err != nil || !key || len(data) < 10 {
			t.Fatalf("%dx%d: encode %d bytes key %v: %v", sz.w, sz.h, len(data), key, err)
		}
		if w, h := vp8Size(data); w != l.Width || h != l.Height {
			t.Errorf("%dx%d: key frame %dx%d, layout %dx%d", sz.w, sz.h, w, h, l.Width, l.Height)
		}
	}
}

// TestViewerWatchesATallCamera is the crash of issue 13: a viewer connected
// while the node pushes a 2x4096 image receives bounded key frames.
func TestViewerWatchesATallCamera(t *testing.T) {
	s, base := startServer(t, Config{TileWidth: 160, ViewerTimeout: time.Second})
	v := streamtest.Dial(t, base, "")
	waitFor(t, "one viewer", func() bool { return s.Viewers() == 1 })
	stop := make(chan struct{})
	wg := pushUntil(s, stop, 20*time.Millisecond, func(int) *Frame { return oddFrame(2, 4096) })
	defer func() { close(stop); wg.Wait() }()
	for {
		fr := v.NextFrame(t)
		if streamtest.IsKeyFrame(fr.Data) {
			if w, h := vp8Size(fr.Data); w != 4*160 || h != maxTileHeight(160) {
				t.Fatalf("key frame %dx%d, want %dx%d", w, h, 4*160, maxTileHeight(160))
			}
			return
		}
	}
}

func TestFrameSizeLimits(t *testing.T) {
	for _, tc := range []struct {
		w, h int
		ok   bool
	}{{1, 1, true}, {1, 1 << 16, true}, {0, 4, false}, {4, -1, false}, {1<<16 + 1, 1, false}} {
		err := (&Frame{Width: tc.w, Height: tc.h}).check()
		if (err == nil) != tc.ok {
			t.Errorf("%dx%d: check %v, want ok=%v", tc.w, tc.h, err, tc.ok)
		}
	}
}
