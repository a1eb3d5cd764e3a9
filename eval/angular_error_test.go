package eval

import (
	"errors"
	"math"
	"testing"
)

func TestAngularErrors(t *testing.T) {
	s10, c10 := float32(math.Sin(10*math.Pi/180)), float32(math.Cos(10*math.Pi/180))
	nan := float32(math.NaN())
	tests := []struct {
		name     string
		pred, gt []float32
		want     []float64
		wantErr  error
	}{
		{name: "identical", pred: []float32{0, 0, -1}, gt: []float32{0, 0, -1}, want: []float64{0}},
		{name: "orthogonal", pred: []float32{1, 0, 0}, gt: []float32{0, 1, 0}, want: []float64{90}},
		{name: "opposite", pred: []float32{0, 0, 1}, gt: []float32{0, 0, -1}, want: []float64{180}},
		{name: "not unit length", pred: []float32{3, 3, 0}, gt: []float32{0.5, 0, 0}, want: []float64{45}},
		{name: "ten degrees", pred: []float32{0, 0, 1}, gt: []float32{0, s10, c10}, want: []float64{10}},
		{name: "invalid gt skipped", pred: []float32{1, 0, 0, 0, 1, 0}, gt: []float32{0, 0, 0, 0, 1, 0}, want: []float64{0}},
		{name: "zero prediction", pred: []float32{0, 0, 0}, gt: []float32{0, 1, 0}, want: []float64{90}},
		{name: "NaN prediction", pred: []float32{nan, 0, 1}, gt: []float32{0, 0, 1}, want: []float64{180}},
		{name: "length mismatch", pred: []float32{0, 0, 1}, gt: []float32{0, 0, 1, 0, 0, 1}, wantErr: ErrSizeMismatch},
		{name: "not triples", pred: []float32{0, 1}, gt: []float32{0, 1}, wantErr: ErrSizeMismatch},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := AngularErrors(tc.pred, tc.gt)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d errors %v, want %v", len(got), got, tc.want)
			}
			for i := range got {
				// float32 inputs limit the angle to about 1e-3 degrees near 0.
				if math.Abs(got[i]-tc.want[i]) > 2e-3 {
					t.Errorf("error %d = %v deg, want %v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestNormalsAccumulator(t *testing.T) {
	tests := []struct {
		name   string
		images [][]float64
		want   NormalsSummary
	}{
		{name: "empty", images: nil, want: NormalsSummary{}},
		{name: "odd count pooled over images", images: [][]float64{{10, 20}, {40}},
			want: NormalsSummary{Pixels: 3, Mean: 70.0 / 3, Median: 20, Under11: 100.0 / 3, Under22: 200.0 / 3, Under30: 200.0 / 3}},
		// Even count: the median is the mean of the two middle values; 30 is not under 30.
		{name: "even count and threshold edge", images: [][]float64{{40, 10}, {30, 20}},
			want: NormalsSummary{Pixels: 4, Mean: 25, Median: 25, Under11: 25, Under22: 50, Under30: 50}},
		{name: "extremes", images: [][]float64{{0, 180, 180}},
			want: NormalsSummary{Pixels: 3, Mean: 120, Median: 180, Under11: 100.0 / 3, Under22: 100.0 / 3, Under30: 100.0 / 3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var a NormalsAccumulator
			for _, errs := range tc.images {
				a.Add(errs)
			}
			got := a.Summary()
			if got.Pixels != tc.want.Pixels {
				t.Fatalf("pixels = %d, want %d", got.Pixels, tc.want.Pixels)
			}
			check := func(name string, g, w, tol float64) {
				if math.Abs(g-w) > tol {
					t.Errorf("%s = %v, want %v", name, g, w)
				}
			}
			check("mean", got.Mean, tc.want.Mean, 1e-9)
			// The median is read from a 0.001-degree histogram.
			check("median", got.Median, tc.want.Median, histogramStep/2+1e-9)
			check("under 11.25", got.Under11, tc.want.Under11, 1e-9)
			check("under 22.5", got.Under22, tc.want.Under22, 1e-9)
			check("under 30", got.Under30, tc.want.Under30, 1e-9)
		})
	}
}
