package stream

import (
	"fmt"
	"image"
	"log/slog"
	"math"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/depthnode/depthnode/internal/colormap"
	"github.com/depthnode/depthnode/internal/logging"
)

// tLogger forwards log lines to t.Log until the test ends.
type tLogger struct {
	mu   sync.Mutex
	t    testing.TB
	done bool
}

func newTLogger(t testing.TB) *slog.Logger {
	l := &tLogger{t: t}
	t.Cleanup(func() { l.mu.Lock(); l.done = true; l.mu.Unlock() })
	return logging.Printf(l.Printf)
}

func (l *tLogger) Printf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.done {
		l.t.Logf(format, args...)
	}
}

// startServer starts a Server on a free loopback port, closed when the test ends.
func startServer(t testing.TB, cfg Config) (*Server, string) {
	t.Helper()
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:0"
	}
	if cfg.Logger == nil {
		cfg.Logger = newTLogger(t)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s, "http://" + s.Addr().String()
}

// sceneSpec describes a synthetic frame with uniform tiles of known values.
type sceneSpec struct {
	w, h    int
	rgb     [3]byte
	depth   float32
	normal  [3]float32 // optical frame
	metric  float32    // NaN: no metric slice
	stamp   time.Time
	aligned bool
}

func (sc sceneSpec) frame() *Frame {
	n := sc.w * sc.h
	f := &Frame{Stamp: sc.stamp, Width: sc.w, Height: sc.h,
		RGB: make([]byte, 3*n), Depth: make([]float32, n), Normals: make([]float32, 3*n)}
	for i := 0; i < n; i++ {
		copy(f.RGB[3*i:], sc.rgb[:])
		f.Depth[i] = sc.depth
		copy(f.Normals[3*i:], sc.normal[:])
	}
	if !math.IsNaN(float64(sc.metric)) {
		f.Metric = make([]float32, n)
		for i := range f.Metric {
			f.Metric[i] = sc.metric
		}
		f.Stats.Align = Align{Enabled: true, Valid: true, Scale: 2, Shift: 0.5, Inliers: 42}
	}
	f.Stats.InputFPS, f.Stats.OutputFPS, f.Stats.ModelMs, f.Stats.Device = 30, 10, 95, "cpu"
	return f
}

// expectedTiles is what each tile should look like, worked out from
// colormap's independently tested colours (not from the composer).
func (sc sceneSpec) expectedTiles(metricMax float32) map[string][3]byte {
	d := colormap.DepthTurboRGB([]float32{sc.depth}, nil)
	nrm := colormap.NormalsRGB(sc.normal[:], nil)
	m := map[string][3]byte{TileCamera: sc.rgb, TileDepth: [3]byte(d), TileNormals: [3]byte(nrm)}
	if !math.IsNaN(float64(sc.metric)) {
		m[TileMetric] = [3]byte(colormap.DepthTurboRGB([]float32{sc.metric / metricMax}, nil))
	}
	return m
}

// ycbcrToRGB inverts BT.601 limited range in float64 (the decoder's view).
func ycbcrToRGB(y, cb, cr uint8) [3]float64 {
	yy := 1.164 * (float64(y) - 16)
	u, v := float64(cb)-128, float64(cr)-128
	clamp := func(x float64) float64 { return math.Max(0, math.Min(255, x)) }
	return [3]float64{clamp(yy + 1.596*v), clamp(yy - 0.392*u - 0.813*v), clamp(yy + 2.017*u)}
}

// tileColour averages the middle of a tile in an I420 image, back in RGB.
func tileColour(img *image.YCbCr, l Layout, tile int) [3]float64 {
	var sum [3]float64
	n := 0
	cx, cy := tile*l.TileWidth+l.TileWidth/2, l.TileHeight/2
	for y := cy - 4; y < cy+4; y++ {
		for x := cx - 4; x < cx+4; x++ {
			c := ycbcrToRGB(img.Y[img.YOffset(x, y)], img.Cb[img.COffset(x, y)], img.Cr[img.COffset(x, y)])
			for k := range sum {
				sum[k] += c[k]
			}
			n++
		}
	}
	for k := range sum {
		sum[k] /= float64(n)
	}
	return sum
}

func colourErr(got [3]float64, want [3]byte) float64 {
	e := 0.0
	for k := range got {
		e = math.Max(e, math.Abs(got[k]-float64(want[k])))
	}
	return e
}

// pushUntil pushes frames from make every interval until stop is closed.
func pushUntil(s *Server, stop <-chan struct{}, every time.Duration, make func(i int) *Frame) *sync.WaitGroup {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-t.C:
				s.Push(make(i))
			}
		}
	}()
	return &wg
}

// waitFor polls cond until it holds or a generous bound passes; it checks
// that something happens, not how fast.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func mustStatus(t testing.TB, res *http.Response, err error, want int) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != want {
		t.Fatalf("status %d, want %d", res.StatusCode, want)
	}
}

var _ = fmt.Sprint

func float32NaN() float32 { return float32(math.NaN()) }
