package main

import (
	"math"
	"slices"
	"time"
)

// Summary is one stage's timing over the timed frames, in milliseconds.
type Summary struct {
	Stage  string  `json:"stage"`
	MeanMS float64 `json:"mean_ms"`
	P50MS  float64 `json:"p50_ms"`
	P95MS  float64 `json:"p95_ms"`
	MinMS  float64 `json:"min_ms"`
	MaxMS  float64 `json:"max_ms"`
	// FPS is 1000/MeanMS: the frame rate this stage alone would allow.
	FPS float64 `json:"fps"`
}

// summarize computes the Summary of samples (at least one).
func summarize(stage string, samples []time.Duration) Summary {
	ms := make([]float64, len(samples))
	sum := 0.0
	for i, d := range samples {
		ms[i] = float64(d) / float64(time.Millisecond)
		sum += ms[i]
	}
	slices.Sort(ms)
	mean := sum / float64(len(ms))
	s := Summary{Stage: stage, MeanMS: mean, P50MS: percentile(ms, 50), P95MS: percentile(ms, 95),
		MinMS: ms[0], MaxMS: ms[len(ms)-1]}
	if mean > 0 {
		s.FPS = 1000 / mean
	}
	return s
}

// percentile is the nearest-rank percentile of sorted values: the smallest value with at least
// p% of the values at or below it (no interpolation, so it is always a measured frame).
func percentile(sorted []float64, p float64) float64 {
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[max(rank, 1)-1]
}
