package calib

import (
	"testing"
	"time"
)

func TestSmoother(t *testing.T) {
	fit := func(s, sh float64) *FitResult {
		return &FitResult{ScaleShift: ScaleShift{s, sh}, PLow: 0, PHigh: 1}
	}
	type step struct {
		sec        float64
		fit        *FitResult
		ok         bool
		want       ScaleShift
		fresh, rst bool
	}
	cases := []struct {
		name  string
		cfg   SmootherConfig
		steps []step
	}{
		{"exponential", SmootherConfig{Smoothing: 0.8}, []step{
			{1.0, fit(10, 1), true, ScaleShift{10, 1}, true, true},
			// Within 20% at both ends (p=0: 1 vs 1.1, p=1: 11 vs 12.1): blended.
			{1.1, fit(11, 1.1), true, ScaleShift{0.8*10 + 0.2*11, 0.8*1 + 0.2*1.1}, true, false},
			{1.2, nil, true, ScaleShift{0.8*10 + 0.2*11, 0.8*1 + 0.2*1.1}, false, false},
		}},
		{"no_smoothing", SmootherConfig{Smoothing: 0}, []step{
			{1.0, fit(10, 1), true, ScaleShift{10, 1}, true, true},
			{1.1, fit(11, 1.1), true, ScaleShift{11, 1.1}, true, false},
		}},
		{"jump_resets_after_three", SmootherConfig{Smoothing: 0.5}, []step{
			{1.0, fit(10, 1), true, ScaleShift{10, 1}, true, true},
			{1.1, fit(20, 2), true, ScaleShift{10, 1}, false, false},
			{1.2, fit(20, 2), true, ScaleShift{10, 1}, false, false},
			{1.3, fit(20, 2), true, ScaleShift{20, 2}, true, true},
			{1.4, fit(20, 2), true, ScaleShift{20, 2}, true, false},
		}},
		{"single_outlier_frame_ignored", SmootherConfig{Smoothing: 0.5}, []step{
			{1.0, fit(10, 1), true, ScaleShift{10, 1}, true, true},
			{1.1, fit(30, 5), true, ScaleShift{10, 1}, false, false},
			{1.2, fit(10, 1), true, ScaleShift{10, 1}, true, false},
			{1.3, fit(30, 5), true, ScaleShift{10, 1}, false, false},
			{1.4, fit(30, 5), true, ScaleShift{10, 1}, false, false},
			{1.5, fit(10, 1), true, ScaleShift{10, 1}, true, false}, // the run was broken: no reset
		}},
		{"expires_after_max_age", SmootherConfig{Smoothing: 0.5, MaxAge: 300 * time.Millisecond}, []step{
			{1.0, fit(10, 1), true, ScaleShift{10, 1}, true, true},
			{1.3, nil, true, ScaleShift{10, 1}, false, false},
			{1.31, nil, false, ScaleShift{}, false, false},
			// A new fit after expiry starts afresh instead of blending with the old scale.
			{2.0, fit(12, 1.1), true, ScaleShift{12, 1.1}, true, true},
		}},
		{"time_backwards_resets", SmootherConfig{Smoothing: 0.5}, []step{
			{5.0, fit(10, 1), true, ScaleShift{10, 1}, true, true},
			{1.0, fit(11, 1), true, ScaleShift{11, 1}, true, true},
		}},
		{"disparity_compares_metric", SmootherConfig{Space: SpaceDisparity, Smoothing: 0.5}, []step{
			// 1/z = -0.2p + 0.25: z from 4 m to 20 m.
			{1.0, fit(-0.2, 0.25), true, ScaleShift{-0.2, 0.25}, true, true},
			// At p=1 z = 1/0.04 = 25 m vs 20 m: 20% of 25 is 5, just agrees.
			{1.1, fit(-0.21, 0.25), true, ScaleShift{-0.205, 0.25}, true, false},
			// At p=1 the new map says z < 0 (beyond infinity): disagrees.
			{1.2, fit(-0.3, 0.25), true, ScaleShift{-0.205, 0.25}, false, false},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sm := NewSmoother(tc.cfg)
			for i, st := range tc.steps {
				est, ok := sm.Update(stampOf(st.sec), st.fit)
				if ok != st.ok {
					t.Fatalf("step %d: ok = %v, want %v", i, ok, st.ok)
				}
				if !ok {
					continue
				}
				if !relClose(est.Scale, st.want.Scale, 1e-12) || !relClose(est.Shift, st.want.Shift, 1e-12) || est.Fresh != st.fresh || est.Reset != st.rst {
					t.Fatalf("step %d: %+v, want %+v fresh=%v reset=%v", i, est, st.want, st.fresh, st.rst)
				}
			}
		})
	}
}
