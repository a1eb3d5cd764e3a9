package pipeline

import (
	"slices"
	"time"
)

// latencyWindow is how many recent samples a percentile is taken over.
const latencyWindow = 256

// latency keeps the most recent samples of one pipeline stage.
type latency struct {
	buf  [latencyWindow]time.Duration
	n    int // samples written so far
	next int
}

func (l *latency) add(d time.Duration) {
	l.buf[l.next] = d
	l.next = (l.next + 1) % latencyWindow
	l.n++
}

// Quantiles is a stage's p50 and p95 over its recent samples.
type Quantiles struct {
	// P50 and P95 are nearest-rank percentiles; zero when there are no samples.
	P50, P95 time.Duration
	// N is the number of samples ever recorded.
	N int
}

func (l *latency) quantiles() Quantiles {
	k := min(l.n, latencyWindow)
	if k == 0 {
		return Quantiles{}
	}
	s := slices.Clone(l.buf[:k])
	slices.Sort(s)
	return Quantiles{P50: rank(s, 0.50), P95: rank(s, 0.95), N: l.n}
}

// quantile returns an arbitrary percentile, for the pipeline's timing estimates.
func (l *latency) quantile(q float64) (time.Duration, bool) {
	k := min(l.n, latencyWindow)
	if k == 0 {
		return 0, false
	}
	s := slices.Clone(l.buf[:k])
	slices.Sort(s)
	return rank(s, q), true
}

// rank is the nearest-rank percentile of sorted s.
func rank(s []time.Duration, q float64) time.Duration {
	i := int(q*float64(len(s))+0.999999) - 1
	return s[min(max(i, 0), len(s)-1)]
}
