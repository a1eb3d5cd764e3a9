package eval

// DepthSummary is the per-image average of depth metrics over a data set.
type DepthSummary struct {
	Images int     `json:"images"`
	AbsRel float64 `json:"abs_rel"`
	Delta1 float64 `json:"delta1"`
}

// DepthAccumulator averages DepthMetrics per image, as the reference protocol does
// (every image weighs the same whatever its number of valid pixels).
type DepthAccumulator struct {
	images         int
	absRel, delta1 float64
}

// Add records one image's metrics.
func (a *DepthAccumulator) Add(m DepthMetrics) {
	a.images++
	a.absRel += m.AbsRel
	a.delta1 += m.Delta1
}

// Summary returns the averages so far (zeros before the first Add).
func (a *DepthAccumulator) Summary() DepthSummary {
	if a.images == 0 {
		return DepthSummary{}
	}
	n := float64(a.images)
	return DepthSummary{Images: a.images, AbsRel: a.absRel / n, Delta1: a.delta1 / n}
}
