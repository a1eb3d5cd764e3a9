package preview

import (
	"math"
	"testing"
	"time"
)

// TestPreviewRates steps the meter through windows, a pause and a restart.
func TestPreviewRates(t *testing.T) {
	t0 := time.Unix(50, 0)
	type step struct {
		at            time.Duration // after t0
		recv, publish uint64
		in, out       float64
	}
	for _, c := range []struct {
		name  string
		steps []step
	}{
		{"first call has no rate", []step{{0, 100, 50, 0, 0}}},
		{"within the first window", []step{{0, 0, 0, 0, 0}, {500 * time.Millisecond, 15, 5, 0, 0}}},
		{"one window", []step{{0, 0, 0, 0, 0}, {time.Second, 30, 10, 30, 10}}},
		{"rate held between windows", []step{{0, 0, 0, 0, 0}, {2 * time.Second, 60, 20, 30, 10}, {2500 * time.Millisecond, 90, 40, 30, 10}}},
		{"next window from the last baseline", []step{{0, 0, 0, 0, 0}, {time.Second, 30, 10, 30, 10}, {3 * time.Second, 50, 50, 10, 20}}},
		{"stale baseline restarts", []step{{0, 0, 0, 0, 0}, {time.Second, 30, 10, 30, 10}, {10 * time.Second, 300, 10, 0, 0}, {11 * time.Second, 305, 12, 5, 2}}},
		{"counters going back restart", []step{{0, 50, 50, 0, 0}, {time.Second, 10, 5, 0, 0}, {2 * time.Second, 20, 15, 10, 10}}},
		{"clock going back restarts", []step{{time.Second, 0, 0, 0, 0}, {0, 10, 10, 0, 0}, {time.Second, 30, 20, 20, 10}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var r previewRates
			for i, s := range c.steps {
				in, out := r.update(s.recv, s.publish, t0.Add(s.at))
				if math.Abs(in-s.in) > 1e-9 || math.Abs(out-s.out) > 1e-9 {
					t.Fatalf("step %d: %v in/s %v out/s, want %v and %v", i, in, out, s.in, s.out)
				}
			}
		})
	}
}
