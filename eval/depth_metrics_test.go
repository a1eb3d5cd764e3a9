package eval

import (
	"errors"
	"math"
	"testing"
)

func TestEvaluateDepth(t *testing.T) {
	nan := float32(math.NaN())
	tests := []struct {
		name       string
		pred, gt   []float32
		w, h       int
		preset     Preset
		wantAbsRel float64
		wantDelta1 float64
		wantPixels int
		wantErr    error
	}{
		{name: "affine prediction is perfect", pred: []float32{0, 0.5, 1, 0.25}, gt: []float32{2, 4, 6, 3},
			w: 2, h: 2, preset: Preset{MinDepth: 1e-3, MaxDepth: 10}, wantAbsRel: 0, wantDelta1: 1, wantPixels: 4},
		// Fit on pred [0,1,2,3] vs gt [1,2,3,10]: s=2.8, t=-0.2, aligned [-0.2,2.6,5.4,8.2]; the
		// first clips to the 1e-3 floor. AbsRel = (0.999+0.3+0.8+0.18)/4; only 10/8.2 < 1.25.
		{name: "fit, clip to range floor, by hand", pred: []float32{0, 1, 2, 3}, gt: []float32{1, 2, 3, 10},
			w: 4, h: 1, preset: Preset{MinDepth: 1e-3, MaxDepth: 80}, wantAbsRel: 2.279 / 4, wantDelta1: 0.25, wantPixels: 4},
		// Invalid gt (0) excluded; fit on [0,1,2]->[1,2,4]: s=1.5, t=5/6, aligned
		// [5/6, 7/3, 23/6]; min depth 0.9 clips the first to 0.9. AbsRel=(0.1+1/6+1/24)/3.
		{name: "invalid pixel and near clip, by hand", pred: []float32{0, 1, 2, 5}, gt: []float32{1, 2, 4, 0},
			w: 2, h: 2, preset: Preset{MinDepth: 0.9, MaxDepth: 10}, wantAbsRel: (0.1 + 1.0/6 + 1.0/24) / 3, wantDelta1: 1, wantPixels: 3},
		// Fit s=2,t=1 from the first three; the NaN is scored at the far cap 10: |10-2|/2 = 4.
		{name: "NaN prediction scored at far cap", pred: []float32{0, 1, 2, nan}, gt: []float32{1, 3, 5, 2},
			w: 4, h: 1, preset: Preset{MinDepth: 0.5, MaxDepth: 10}, wantAbsRel: 4.0 / 4, wantDelta1: 0.75, wantPixels: 4},
		{name: "far cap excludes gt", pred: []float32{0, 1, 2, 0}, gt: []float32{1, 3, 5, 80},
			w: 4, h: 1, preset: Preset{MinDepth: 0.5, MaxDepth: 80}, wantAbsRel: 0, wantDelta1: 1, wantPixels: 3},
		// Constant prediction: the best affine fit is the mean ground truth 2: AbsRel=(1/1+0+1/3)/3.
		{name: "constant prediction scored as mean", pred: []float32{5, 5, 5}, gt: []float32{1, 2, 3},
			w: 3, h: 1, preset: Preset{MinDepth: 1e-3, MaxDepth: 10}, wantAbsRel: (1 + 1.0/3) / 3, wantDelta1: 1.0 / 3, wantPixels: 3},
		{name: "no valid pixel", pred: []float32{1, 2}, gt: []float32{0, 0}, w: 2, h: 1,
			preset: Preset{MinDepth: 1e-3, MaxDepth: 10}, wantErr: ErrNoValidPixels},
		{name: "size mismatch", pred: []float32{1, 2, 3}, gt: []float32{1, 2}, w: 2, h: 1,
			preset: Preset{MinDepth: 1e-3, MaxDepth: 10}, wantErr: ErrSizeMismatch},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := EvaluateDepth(tc.pred, tc.gt, tc.w, tc.h, tc.preset)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(m.AbsRel-tc.wantAbsRel) > 1e-6 {
				t.Errorf("AbsRel = %.9f, want %.9f", m.AbsRel, tc.wantAbsRel)
			}
			if math.Abs(m.Delta1-tc.wantDelta1) > 1e-12 {
				t.Errorf("delta1 = %v, want %v", m.Delta1, tc.wantDelta1)
			}
			if m.Pixels != tc.wantPixels {
				t.Errorf("pixels = %d, want %d", m.Pixels, tc.wantPixels)
			}
		})
	}
}

func TestDepthAccumulatorAveragesPerImage(t *testing.T) {
	var a DepthAccumulator
	if s := a.Summary(); s != (DepthSummary{}) {
		t.Fatalf("empty summary = %+v", s)
	}
	// Pixel counts must not weigh: the mean is over images.
	a.Add(DepthMetrics{AbsRel: 0.1, Delta1: 1, Pixels: 1000})
	a.Add(DepthMetrics{AbsRel: 0.3, Delta1: 0.5, Pixels: 1})
	s := a.Summary()
	if s.Images != 2 || math.Abs(s.AbsRel-0.2) > 1e-12 || math.Abs(s.Delta1-0.75) > 1e-12 {
		t.Errorf("summary = %+v, want 2 images, AbsRel 0.2, delta1 0.75", s)
	}
}
