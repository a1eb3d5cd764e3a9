package node

import (
	"encoding/binary"
	"math"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"
)

func TestFloatImage(t *testing.T) {
	h := std_msgs.Header{Seq: 3, Stamp: time.Unix(5, 6), FrameId: "f"}
	tests := []struct {
		name     string
		w, ht, c int
		enc      string
	}{
		{"depth", 3, 2, 1, "32FC1"},
		{"normals", 2, 2, 3, "32FC3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := make([]float32, tc.w*tc.ht*tc.c)
			for i := range v {
				v[i] = float32(i)*0.25 - 1
			}
			v[0] = float32(math.NaN())
			m := floatImage(h, tc.w, tc.ht, tc.c, v)
			if m.Header != h || m.Encoding != tc.enc || int(m.Width) != tc.w || int(m.Height) != tc.ht ||
				int(m.Step) != 4*tc.c*tc.w || m.IsBigendian != 0 || len(m.Data) != 4*len(v) {
				t.Fatalf("image = %+v", m)
			}
			for i, want := range v {
				got := math.Float32frombits(binary.LittleEndian.Uint32(m.Data[4*i:]))
				if got != want && !(math.IsNaN(float64(got)) && math.IsNaN(float64(want))) {
					t.Fatalf("value %d = %v, want %v", i, got, want)
				}
			}
			v[1] = 42 // the message owns its data: later frames must not change it
			if math.Float32frombits(binary.LittleEndian.Uint32(m.Data[4:])) == 42 {
				t.Fatal("published data aliases the result buffer")
			}
		})
	}
}

func TestByteImage(t *testing.T) {
	m := byteImage(std_msgs.Header{FrameId: "x"}, 2, 1, "rgb8", []byte{1, 2, 3, 4, 5, 6})
	if m.Encoding != "rgb8" || m.Step != 6 || m.Width != 2 || m.Height != 1 || len(m.Data) != 6 {
		t.Fatalf("image = %+v", m)
	}
}

func TestLatestSlot(t *testing.T) {
	l := newLatest()
	a, b := &input{}, &input{}
	if l.put(a) {
		t.Fatal("first put replaced something")
	}
	if !l.put(b) {
		t.Fatal("second put did not report the skipped message")
	}
	got, ok := l.take(t.Context())
	if !ok || got != b {
		t.Fatal("take did not return the newest message")
	}
	ctx, cancel := contextWithCancel(t)
	cancel()
	if _, ok := l.take(ctx); ok {
		t.Fatal("take on an empty slot with a cancelled context returned a message")
	}
}

func TestLatencyQuantiles(t *testing.T) {
	var l latency
	if q := l.quantiles(); q.N != 0 || q.P50 != 0 {
		t.Fatalf("empty = %+v", q)
	}
	// 1..100 ms in scrambled order: nearest-rank p50 = 50 ms, p95 = 95 ms.
	for i := range 100 {
		l.add(time.Duration((i*37)%100+1) * time.Millisecond)
	}
	if q := l.quantiles(); q.P50 != 50*time.Millisecond || q.P95 != 95*time.Millisecond || q.N != 100 {
		t.Fatalf("quantiles = %+v", q)
	}
	// The window keeps the latest samples only.
	for range latencyWindow {
		l.add(7 * time.Millisecond)
	}
	if q := l.quantiles(); q.P95 != 7*time.Millisecond {
		t.Fatalf("after the window moved: %+v", q)
	}
}

func TestRateLog(t *testing.T) {
	lg := &testLog{t: t}
	r := newRateLog(lg, time.Hour)
	for range 5 {
		r.Printf("a", "bad %d", 1)
	}
	r.Printf("b", "other")
	if len(lg.lines) != 2 {
		t.Fatalf("lines = %q, want one per key", lg.lines)
	}
	r.SetPeriod(0)
	r.Printf("a", "bad again")
	if last := lg.lines[len(lg.lines)-1]; last != "bad again (4 similar lines suppressed)" {
		t.Fatalf("last line = %q", last)
	}
}
