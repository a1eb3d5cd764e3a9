package inference

// Result is one frame's output at the input resolution.
type Result struct {
	Width, Height int
	// Depth is W*H relative depth in [0,1], 0 = near (empty when not wanted).
	Depth []float32
	// Normals is W*H*3 unit normals in the optical frame (REP-103: x right, y down, z forward),
	// pointing out of the surface toward the camera (z < 0 on visible surfaces); empty when not
	// wanted. A pixel whose resized normal vanished (opposite normals averaged) is (0,0,0).
	Normals []float32
	// DepthNonFinite counts the model's depth outputs (at the processing size) that were NaN or
	// infinite; the Depth pixels they feed are NaN (invalid, as REP-118 marks depth) and the
	// min-max stretch ignores them.
	DepthNonFinite int
	// NormalsNonFinite counts the model's normals (at the processing size) with a NaN or
	// infinite component; the Normals pixels they feed are NaN in all three components.
	NormalsNonFinite int
}
