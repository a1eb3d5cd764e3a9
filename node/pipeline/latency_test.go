package pipeline

import (
	"testing"
	"time"
)

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
