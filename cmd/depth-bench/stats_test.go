package main

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

func TestPercentileNearestRank(t *testing.T) {
	// 1..n shuffled: the nearest-rank p-th percentile is ceil(p*n/100), an independent answer.
	for _, n := range []int{1, 2, 19, 20, 100, 101} {
		vals := make([]time.Duration, n)
		for i := range vals {
			vals[i] = time.Duration(i+1) * time.Millisecond
		}
		rand.New(rand.NewPCG(1, uint64(n))).Shuffle(n, func(i, j int) { vals[i], vals[j] = vals[j], vals[i] })
		s := summarize("x", vals)
		for _, c := range []struct{ p, got float64 }{{50, s.P50MS}, {95, s.P95MS}} {
			want := math.Ceil(c.p * float64(n) / 100)
			if c.got != want {
				t.Errorf("n=%d p%.0f = %v, want %v", n, c.p, c.got, want)
			}
		}
		if s.MinMS != 1 || s.MaxMS != float64(n) {
			t.Errorf("n=%d min/max = %v/%v", n, s.MinMS, s.MaxMS)
		}
		wantMean := float64(n+1) / 2
		if math.Abs(s.MeanMS-wantMean) > 1e-9 || math.Abs(s.FPS-1000/wantMean) > 1e-9 {
			t.Errorf("n=%d mean %v fps %v, want %v and %v", n, s.MeanMS, s.FPS, wantMean, 1000/wantMean)
		}
	}
}
