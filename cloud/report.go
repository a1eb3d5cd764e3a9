package cloud

// Report counts what Build did with the sampled pixels (every Stride-th in
// both directions); each removed pixel is counted under the first filter it
// failed, in the order below.
type Report struct {
	// Points is the number of points kept.
	Points int
	// Invalid counts pixels with NaN, infinite or non-positive depth.
	Invalid int
	// OutOfRange counts points outside [MinRange, MaxRange] along the ray.
	OutOfRange int
	// Edge counts flying pixels the edge filter removed.
	Edge int
	// Normals is false when the input had no normals (all normals are 0).
	Normals bool
	// Color is false when the input had no colour (all rgb are 0).
	Color bool
}

// Sampled is the number of pixels looked at: Points plus everything removed.
func (r Report) Sampled() int { return r.Points + r.Invalid + r.OutOfRange + r.Edge }
