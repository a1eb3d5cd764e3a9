package stream

import (
	"encoding/binary"
	"image"
	"io"
	"math"
	"net/http"
	"testing"
	"time"

	"github.com/depthnode/depthnode/stream/streamtest"
	"github.com/pion/mediadevices/pkg/codec/vpx"
	"github.com/pion/mediadevices/pkg/prop"
)

// framesReader feeds a libvpx decoder one compressed frame per Read.
type framesReader struct{ frames [][]byte }

func (r *framesReader) Read(p []byte) (int, error) {
	if len(r.frames) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.frames[0])
	r.frames = r.frames[1:]
	return n, nil
}

// vp8Size reads the frame size from a key frame header (RFC 6386 9.1).
func vp8Size(b []byte) (w, h int) {
	return int(binary.LittleEndian.Uint16(b[6:8]) & 0x3fff), int(binary.LittleEndian.Uint16(b[8:10]) & 0x3fff)
}

func TestViewerReceivesDecodableFrames(t *testing.T) {
	const metricMax = 10
	s, base := startServer(t, Config{TileWidth: 160, ViewerTimeout: time.Second, MetricMaxMetres: metricMax})
	v := streamtest.Dial(t, base, "")
	waitFor(t, "one viewer", func() bool { return s.Viewers() == 1 })

	stamp0 := time.Unix(1_700_000_000, 0)
	scene := sceneSpec{w: 320, h: 240, rgb: [3]byte{200, 40, 40}, depth: 0.3, normal: [3]float32{0, 0, -1}, metric: 4}
	stop := make(chan struct{})
	wg := pushUntil(s, stop, 20*time.Millisecond, func(i int) *Frame {
		sc := scene
		sc.stamp = stamp0.Add(time.Duration(i) * time.Millisecond)
		return sc.frame()
	})
	defer func() { close(stop); wg.Wait() }()

	first := v.NextFrame(t)
	if !streamtest.IsKeyFrame(first.Data) {
		t.Fatalf("first frame is not a key frame (tag %#x)", first.Data[0])
	}
	wantLayout := Layout{Tiles: []string{TileCamera, TileDepth, TileNormals, TileMetric}, TileWidth: 160, TileHeight: 120, Width: 640, Height: 120}
	if w, h := vp8Size(first.Data); w != wantLayout.Width || h != wantLayout.Height {
		t.Fatalf("key frame is %dx%d, want %dx%d", w, h, wantLayout.Width, wantLayout.Height)
	}

	t.Run("stamp travels with the frame", func(t *testing.T) {
		m := streamtest.Next(t, v, "frame", "frame message with the first frame's RTP timestamp",
			func(m frameMsg) bool { return m.RTP == first.RTP })
		k := (m.Stamp - float64(stamp0.UnixMilli()))
		if k < 0 || math.Abs(k-math.Round(k)) > 1e-3 {
			t.Fatalf("stamp %v ms is not one of the pushed stamps", m.Stamp)
		}
		if !m.Layout.same(wantLayout) || m.Layout.TileWidth != 160 || m.Layout.TileHeight != 120 {
			t.Fatalf("layout %+v, want %+v", m.Layout, wantLayout)
		}
		if !m.Key || m.Stats.Device != "cpu" || m.Stats.Align.Inliers != 42 {
			t.Fatalf("frame message %+v", m)
		}
	})

	t.Run("decodes to the expected tiles", func(t *testing.T) {
		frames := [][]byte{first.Data}
		for len(frames) < 8 {
			frames = append(frames, v.NextFrame(t).Data)
		}
		dec, err := vpx.NewDecoder(&framesReader{frames: frames}, prop.Media{Video: prop.Video{Width: 640, Height: 120}})
		if err != nil {
			t.Fatal(err)
		}
		defer dec.Close()
		var last image.Image
		for {
			img, release, err := dec.Read()
			if err != nil {
				break
			}
			last = img
			release()
		}
		yuv, ok := last.(*image.YCbCr)
		if !ok || yuv.Rect.Dx() != 640 || yuv.Rect.Dy() != 120 {
			t.Fatalf("decoded %v", last)
		}
		want := scene.expectedTiles(metricMax)
		for i, name := range wantLayout.Tiles {
			got := tileColour(yuv, wantLayout, i)
			// VP8 at a modest bitrate plus 8-bit colour conversion both ways.
			if e := colourErr(got, want[name]); e > 20 {
				t.Errorf("%s tile decodes to %.0f, want %v (err %.0f)", name, got, want[name], e)
			}
		}
	})

	t.Run("hover reports the depth under the pointer", func(t *testing.T) {
		if err := v.Send(`{"t":"hover","u":0.5,"v":0.25}`); err != nil {
			t.Fatal(err)
		}
		h := streamtest.Next[hoverMsg](t, v, "hover", "hover answer", nil)
		if h.X != 160 || h.Y != 60 || h.Rel == nil || math.Abs(*h.Rel-0.3) > 1e-6 || h.Metric == nil || math.Abs(*h.Metric-4) > 1e-6 {
			t.Fatalf("hover %+v", h)
		}
	})

	t.Run("DELETE hangs up", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodDelete, base+v.Location, nil)
		res, err := http.DefaultClient.Do(req)
		mustStatus(t, res, err, http.StatusOK)
		waitFor(t, "no viewers", func() bool { return s.Viewers() == 0 })
		res, err = http.DefaultClient.Do(req)
		mustStatus(t, res, err, http.StatusNotFound)
	})
}
