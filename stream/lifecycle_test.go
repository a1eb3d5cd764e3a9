package stream

import (
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/depthnode/depthnode/stream/streamtest"
)

func TestConfigValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
		key  string // "" = valid
	}{
		{"defaults", Config{Addr: ":0"}, ""},
		{"everything set", Config{Addr: ":0", TileWidth: 320, Token: "x", ICEServers: []string{"stun:stun.example.org:3478", "turn:u:p@turn.example.org:3478?transport=udp"}, BitrateKbps: 800}, ""},
		{"no address", Config{}, "Addr"},
		{"odd tile width", Config{Addr: ":0", TileWidth: 321}, "TileWidth"},
		{"tiny tile width", Config{Addr: ":0", TileWidth: 8}, "TileWidth"},
		{"negative bitrate", Config{Addr: ":0", BitrateKbps: -1}, "BitrateKbps"},
		{"negative metric range", Config{Addr: ":0", MetricMaxMetres: -3}, "MetricMaxMetres"},
		{"negative viewers", Config{Addr: ":0", MaxViewers: -1}, "MaxViewers"},
		{"short viewer timeout", Config{Addr: ":0", ViewerTimeout: time.Millisecond}, "ViewerTimeout"},
		{"ICE server not a URL", Config{Addr: ":0", ICEServers: []string{"stun.example.org"}}, "ICEServers[0]"},
		{"TURN without credentials", Config{Addr: ":0", ICEServers: []string{"stun:a.org", "turn:turn.example.org"}}, "ICEServers[1]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Validate()
			if tc.key == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), tc.key) {
				t.Fatalf("error %v, want ErrConfig naming %s", err, tc.key)
			}
		})
	}
}

func TestNoEncodingWithoutViewers(t *testing.T) {
	s, _ := startServer(t, Config{})
	sc := sceneSpec{w: 64, h: 48, depth: 0.5, normal: [3]float32{0, 0, -1}, metric: float32NaN()}
	for i := 0; i < 50; i++ {
		s.Push(sc.frame())
	}
	s.Push(nil)
	s.Push(&Frame{Width: 4, Height: 4, Depth: make([]float32, 3)}) // wrong size: refused, no panic
	c := s.Counters()
	if c.FramesPushed != 52 || c.FramesIdle != 50 || c.FramesInvalid != 1 || c.FramesEncoded != 0 {
		t.Fatalf("counters %+v, want 52 pushed, 50 idle, 1 invalid, 0 encoded", c)
	}
}

func TestFrameCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    Frame
		ok   bool
	}{
		{"depth only", Frame{Width: 4, Height: 2, Depth: make([]float32, 8)}, true},
		{"everything", Frame{Width: 4, Height: 2, RGB: make([]byte, 24), Depth: make([]float32, 8), Normals: make([]float32, 24), Metric: make([]float32, 8)}, true},
		{"zero size", Frame{}, false},
		{"short RGB", Frame{Width: 4, Height: 2, RGB: make([]byte, 23)}, false},
		{"long depth", Frame{Width: 4, Height: 2, Depth: make([]float32, 9)}, false},
		{"normals one channel", Frame{Width: 4, Height: 2, Normals: make([]float32, 8)}, false},
		{"short metric", Frame{Width: 4, Height: 2, Metric: make([]float32, 1)}, false},
		{"absurd size", Frame{Width: 1 << 20, Height: 1 << 20}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.f.check()
			if (err == nil) != tc.ok || (err != nil && !errors.Is(err, ErrBadFrame)) {
				t.Fatalf("check: %v, want ok=%v", err, tc.ok)
			}
		})
	}
}

func TestTenViewersAtOnce(t *testing.T) {
	s, base := startServer(t, Config{TileWidth: 64})
	vs := make([]*streamtest.Viewer, 10)
	var wg sync.WaitGroup
	errs := make(chan error, len(vs))
	for i := range vs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := streamtest.TryDial(base, "")
			if err != nil {
				errs <- err
				return
			}
			vs[i] = v
		}()
	}
	wg.Wait()
	close(errs)
	for _, v := range vs {
		if v != nil {
			t.Cleanup(v.Close)
		}
	}
	for err := range errs {
		t.Fatal(err)
	}
	waitFor(t, "ten viewers", func() bool { return s.Viewers() == 10 })

	stop := make(chan struct{})
	sc := sceneSpec{w: 128, h: 96, depth: 0.7, normal: [3]float32{0, 0, -1}, metric: float32NaN()}
	pw := pushUntil(s, stop, 15*time.Millisecond, func(int) *Frame { return sc.frame() })
	defer func() { close(stop); pw.Wait() }()
	for i, v := range vs {
		// Each viewer's first frame is a key frame, however late it joined.
		if f := v.NextFrame(t); !streamtest.IsKeyFrame(f.Data) {
			t.Fatalf("viewer %d: first frame is not a key frame", i)
		}
	}
	for _, v := range vs {
		v.Close() // no DELETE: the server must notice on its own
	}
	waitFor(t, "all viewers freed", func() bool { return s.Viewers() == 0 })
	if c := s.Counters(); c.ViewersJoined != 10 || c.ViewersLeft != 10 {
		t.Fatalf("counters %+v", c)
	}
}

func TestVanishedViewerIsFreed(t *testing.T) {
	s, base := startServer(t, Config{TileWidth: 64, ViewerTimeout: 500 * time.Millisecond})
	v := streamtest.Dial(t, base, "")
	nextFrameOrPush(t, v, s)
	// The viewer's network goes silent: no DELETE, no DTLS close, nothing.
	v.Cut()
	stop := make(chan struct{})
	sc := sceneSpec{w: 64, h: 48, depth: 0.5, normal: [3]float32{0, 0, -1}, metric: float32NaN()}
	pw := pushUntil(s, stop, 20*time.Millisecond, func(int) *Frame { return sc.frame() })
	waitFor(t, "the silent viewer freed", func() bool { return s.Viewers() == 0 })
	close(stop)
	pw.Wait()
	encoded := s.Counters().FramesEncoded
	for i := 0; i < 20; i++ {
		s.Push(sc.frame())
	}
	if c := s.Counters(); c.FramesEncoded != encoded || c.FramesIdle < 20 {
		t.Fatalf("still encoding without viewers: %+v", c)
	}
}

func TestCloseWithViewersFreesEverything(t *testing.T) {
	s, err := New(Config{Addr: "127.0.0.1:0", TileWidth: 64, Logger: newTLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	v := streamtest.Dial(t, "http://"+s.Addr().String(), "")
	nextFrameOrPush(t, v, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); !errors.Is(err, ErrClosed) {
		t.Fatalf("second Close: %v", err)
	}
	s.Push(&Frame{Width: 2, Height: 2}) // after Close: dropped, no panic
	// goleak in TestMain checks that nothing of the server is left running.
}

func TestLatestFrameWins(t *testing.T) {
	s, base := startServer(t, Config{TileWidth: 64})
	v := streamtest.Dial(t, base, "")
	nextFrameOrPush(t, v, s)
	before := s.Counters()
	stamp0 := time.Unix(1_800_000_000, 0)
	const n = 300
	sc := sceneSpec{w: 64, h: 48, depth: 0.5, normal: [3]float32{0, 0, -1}, metric: float32NaN()}
	// Back to back, far faster than anything can encode: Push must never wait.
	for i := 0; i < n; i++ {
		sc.stamp = stamp0.Add(time.Duration(i) * time.Millisecond)
		s.Push(sc.frame())
	}
	last := float64(stamp0.Add((n - 1) * time.Millisecond).UnixMilli())
	streamtest.Next(t, v, "frame", "message for the last pushed frame", func(m frameMsg) bool { return m.Stamp == last })
	c := s.Counters()
	encoded, replaced := c.FramesEncoded-before.FramesEncoded, c.FramesReplaced-before.FramesReplaced
	if replaced == 0 || encoded+replaced > n || encoded == 0 {
		t.Fatalf("of %d frames pushed back to back, %d encoded and %d replaced", n, encoded, replaced)
	}
	t.Logf("of %d frames pushed back to back: %d encoded, %d replaced by newer ones", n, encoded, replaced)
}

func TestEncoderFreedWhenLastViewerLeaves(t *testing.T) {
	s, base := startServer(t, Config{TileWidth: 64})
	v := streamtest.Dial(t, base, "")
	nextFrameOrPush(t, v, s)
	req, _ := http.NewRequest(http.MethodDelete, base+v.Location, nil)
	res, err := http.DefaultClient.Do(req)
	mustStatus(t, res, err, http.StatusOK)
	waitFor(t, "no viewers", func() bool { return s.Viewers() == 0 })
	waitFor(t, "the encoder freed", func() bool { return !s.encoderOpen.Load() })
	encoded := s.Counters().FramesEncoded
	// A new viewer's first frame must be a key frame from a fresh encoder.
	v2 := streamtest.Dial(t, base, "")
	if f := nextFrameOrPush(t, v2, s); !streamtest.IsKeyFrame(f.Data) {
		t.Fatal("returning viewer's first frame is not a key frame")
	}
	if s.Counters().FramesEncoded <= encoded {
		t.Fatal("no frames encoded for the returning viewer")
	}
}
