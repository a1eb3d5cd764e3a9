package stream

import (
	"errors"
	"testing"
	"time"

	"github.com/depthnode/depthnode/stream/streamtest"
)

// TestLiveTileWidthAndBitrate changes the tile width and the bitrate while a viewer watches:
// the picture changes size at a key frame, the frame messages carry the new layout, a bitrate
// change restarts the encoder (a key frame), and bad values are refused with the old ones kept.
func TestLiveTileWidthAndBitrate(t *testing.T) {
	s, base := startServer(t, Config{TileWidth: 160, BitrateKbps: 2000, ViewerTimeout: time.Second})
	v := streamtest.Dial(t, base, "")
	waitFor(t, "one viewer", func() bool { return s.Viewers() == 1 })
	scene := sceneSpec{w: 320, h: 240, rgb: [3]byte{200, 40, 40}, depth: 0.3, normal: [3]float32{0, 0, -1}, metric: 4}
	stop := make(chan struct{})
	wg := pushUntil(s, stop, 20*time.Millisecond, func(i int) *Frame {
		sc := scene
		sc.stamp = time.Unix(1_700_000_000, int64(i)*1e6)
		return sc.frame()
	})
	defer func() { close(stop); wg.Wait() }()

	// untilKey waits for a key frame of the given size.
	untilKey := func(w, h int) {
		t.Helper()
		deadline := time.After(20 * time.Second)
		for {
			select {
			case <-deadline:
				t.Fatalf("no %dx%d key frame", w, h)
			default:
			}
			f := v.NextFrame(t)
			if streamtest.IsKeyFrame(f.Data) {
				if gw, gh := vp8Size(f.Data); gw == w && gh == h {
					return
				}
			}
		}
	}
	untilKey(640, 120)

	if err := s.SetTileWidth(80); err != nil {
		t.Fatal(err)
	}
	untilKey(320, 60)
	streamtest.Next(t, v, "frame", "frame message with the 80-wide layout", func(m frameMsg) bool {
		return m.Layout.TileWidth == 80 && m.Layout.Width == 320
	})

	keys := s.Counters().KeyFrames
	if err := s.SetBitrate(300); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "a key frame from the restarted encoder", func() bool { return s.Counters().KeyFrames > keys })

	for _, bad := range []func() error{
		func() error { return s.SetTileWidth(81) }, func() error { return s.SetTileWidth(8) },
		func() error { return s.SetBitrate(10) }, func() error { return s.SetBitrate(100001) },
	} {
		if err := bad(); !errors.Is(err, ErrConfig) {
			t.Errorf("bad value: %v, want ErrConfig", err)
		}
	}
	if s.TileWidth() != 80 || s.Bitrate() != 300 {
		t.Errorf("after refusals: tile width %d, bitrate %d; want 80 and 300", s.TileWidth(), s.Bitrate())
	}
}
