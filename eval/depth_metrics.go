package eval

import (
	"errors"
	"fmt"
	"math"
)

// minAlignedDepth keeps aligned depth positive before the ratios of AbsRel and delta1.
const minAlignedDepth = 1e-6

// delta1Threshold is the ratio bound of the delta1 accuracy.
const delta1Threshold = 1.25

// DepthMetrics are one image's depth scores after alignment.
type DepthMetrics struct {
	AbsRel float64    // mean |p-g|/g over valid pixels
	Delta1 float64    // fraction of valid pixels with max(p/g, g/p) < 1.25
	Pixels int        // number of valid pixels
	Fit    ScaleShift // the least-squares alignment that was applied
}

// EvaluateDepth scores one w x h relative depth prediction against metric ground truth: least
// squares scale and shift on the preset's valid pixels, clipping to its depth range and to
// >= 1e-6, then AbsRel and delta1.
func EvaluateDepth(pred, gt []float32, w, h int, p Preset) (DepthMetrics, error) {
	if len(pred) != len(gt) {
		return DepthMetrics{}, fmt.Errorf("%w: prediction %d values, ground truth %d", ErrSizeMismatch, len(pred), len(gt))
	}
	mask, err := p.ValidMask(gt, w, h)
	if err != nil {
		return DepthMetrics{}, err
	}
	// A non-finite prediction would poison the fit; it still counts as a valid pixel and is
	// scored after clipping, so a model cannot improve its score by emitting NaN.
	finite := make([]bool, len(mask))
	for i, ok := range mask {
		finite[i] = ok && !math.IsNaN(float64(pred[i])) && !math.IsInf(float64(pred[i]), 0)
	}
	fit, err := FitScaleShift(pred, gt, finite)
	if errors.Is(err, ErrDegenerateFit) {
		// A constant prediction: every s gives the same residual at the best t, and the fitted
		// values are the mean ground truth, so score that (s = 0) instead of refusing the image.
		fit, err = ScaleShift{Scale: 0, Shift: maskedMean(gt, finite)}, nil
	}
	if err != nil {
		return DepthMetrics{}, err
	}
	var m DepthMetrics
	m.Fit = fit
	for i, ok := range mask {
		if !ok {
			continue
		}
		g := float64(gt[i])
		a := alignedDepth(fit, float64(pred[i]), p)
		m.AbsRel += math.Abs(a-g) / g
		if math.Max(a/g, g/a) < delta1Threshold {
			m.Delta1++
		}
		m.Pixels++
	}
	m.AbsRel /= float64(m.Pixels)
	m.Delta1 /= float64(m.Pixels)
	return m, nil
}

// alignedDepth applies the fit and the reference clipping. A NaN is scored as the farthest
// allowed depth rather than skipped, so emitting NaN cannot shrink the evaluated set.
func alignedDepth(fit ScaleShift, p float64, ps Preset) float64 {
	a := fit.Apply(p)
	if math.IsNaN(a) {
		a = math.Inf(1)
	}
	a = math.Min(math.Max(a, ps.MinDepth), ps.MaxDepth)
	if math.IsInf(a, 1) {
		// An uncapped preset (ETH3D) has no far clip: an infinite guess is simply very wrong.
		a = math.MaxFloat64
	}
	return math.Max(a, minAlignedDepth)
}

// maskedMean is the mean of v over the mask (which FitScaleShift has checked is not empty).
func maskedMean(v []float32, mask []bool) float64 {
	var sum float64
	n := 0
	for i, ok := range mask {
		if ok {
			sum += float64(v[i])
			n++
		}
	}
	return sum / float64(n)
}
