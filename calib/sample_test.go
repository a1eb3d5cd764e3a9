package calib

import (
	"math"
	"testing"
)

func TestSampleBilinear(t *testing.T) {
	// 4x3 image: a smooth ramp on the left, a step of 0.5 between columns 2 and 3.
	w, h := 4, 3
	rel := []float32{
		0.10, 0.11, 0.12, 0.62,
		0.13, 0.14, 0.15, 0.65,
		0.16, 0.17, float32(math.NaN()), 0.68,
	}
	at := func(x, y int) float64 { return float64(rel[y*w+x]) }
	cases := []struct {
		name string
		u, v float64
		edge float64
		ok   bool
		want float64
	}{
		{"pixel_centre", 1, 0, 0.05, true, at(1, 0)},
		{"nan_neighbour_at_zero_weight", 1, 1, 0.05, false, 0},
		{"between_four", 0.25, 0.5, 0.05, true,
			0.75*0.5*at(0, 0) + 0.25*0.5*at(1, 0) + 0.75*0.5*at(0, 1) + 0.25*0.5*at(1, 1)},
		{"left_border_clamps", -0.4, 0, 0.05, true, at(0, 0)},
		{"across_the_step", 2.5, 0.5, 0.05, false, 0},
		{"across_the_step_without_check", 2.5, 0, 0, true, 0.5*at(2, 0) + 0.5*at(3, 0)},
		{"nan_neighbour", 1.5, 1.5, 0.05, false, 0},
		{"nan_neighbour_without_check", 1.5, 1.5, 0, false, 0},
		{"right_border_clamps", 3.4, 2, 0.05, true, at(3, 2)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := sampleBilinear(rel, w, h, tc.u, tc.v, tc.edge)
			if ok != tc.ok || (ok && math.Abs(got-tc.want) > 1e-7) {
				t.Fatalf("sample(%g,%g) = %g, %v; want %g, %v", tc.u, tc.v, got, ok, tc.want, tc.ok)
			}
		})
	}
}
