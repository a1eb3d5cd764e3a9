package eval

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func TestFitScaleShift(t *testing.T) {
	all := func(n int) []bool {
		m := make([]bool, n)
		for i := range m {
			m[i] = true
		}
		return m
	}
	tests := []struct {
		name      string
		pred, gt  []float32
		mask      []bool
		wantScale float64
		wantShift float64
		wantErr   error
	}{
		{name: "exact affine", pred: []float32{0, 1, 2, 3}, gt: []float32{1, 3, 5, 7}, mask: all(4), wantScale: 2, wantShift: 1},
		{name: "masked outlier ignored", pred: []float32{0, 1, 2, 100}, gt: []float32{1, 3, 5, -7},
			mask: []bool{true, true, true, false}, wantScale: 2, wantShift: 1},
		// By hand: a00=5 a01=3 a11=3 b0=4 b1=3, det=6, s=(3*4-3*3)/6, t=(5*3-3*4)/6.
		{name: "least squares by hand", pred: []float32{0, 1, 2}, gt: []float32{0, 2, 1}, mask: all(3), wantScale: 0.5, wantShift: 0.5},
		{name: "negative scale", pred: []float32{0, 1}, gt: []float32{4, 1}, mask: all(2), wantScale: -3, wantShift: 4},
		{name: "constant prediction", pred: []float32{2, 2, 2}, gt: []float32{1, 2, 3}, mask: all(3), wantErr: ErrDegenerateFit},
		{name: "empty mask", pred: []float32{1, 2}, gt: []float32{1, 2}, mask: []bool{false, false}, wantErr: ErrNoValidPixels},
		{name: "size mismatch", pred: []float32{1, 2}, gt: []float32{1}, mask: all(1), wantErr: ErrSizeMismatch},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fit, err := FitScaleShift(tc.pred, tc.gt, tc.mask)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(fit.Scale-tc.wantScale) > 1e-9 || math.Abs(fit.Shift-tc.wantShift) > 1e-9 {
				t.Errorf("fit = %+v, want scale %v shift %v", fit, tc.wantScale, tc.wantShift)
			}
		})
	}
}

// TestFitScaleShiftRecoversKnownAffine builds ground truth as an exact affine image of a
// random prediction on a megapixel-sized array and checks the fit finds the map again.
func TestFitScaleShiftRecoversKnownAffine(t *testing.T) {
	for _, want := range []ScaleShift{{3.5, 0.2}, {-0.8, 12}, {1e-3, 5}} {
		t.Run("", func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, 2))
			n := 1 << 20
			pred, gt, mask := make([]float32, n), make([]float32, n), make([]bool, n)
			for i := range pred {
				p := r.Float64()
				pred[i] = float32(p)
				gt[i] = float32(want.Apply(float64(pred[i])))
				mask[i] = true
			}
			fit, err := FitScaleShift(pred, gt, mask)
			if err != nil {
				t.Fatal(err)
			}
			// gt is rounded to float32, so only float32 precision can come back.
			tol := 1e-5 * (math.Abs(want.Scale) + math.Abs(want.Shift))
			if math.Abs(fit.Scale-want.Scale) > tol || math.Abs(fit.Shift-want.Shift) > tol {
				t.Errorf("fit = %+v, want %+v", fit, want)
			}
		})
	}
}
