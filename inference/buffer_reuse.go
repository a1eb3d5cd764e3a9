package inference

// A reused buffer whose capacity is more than shrinkFactor times what the current frame needs
// (and at least minShrinkBytes) is released and reallocated at the needed size, so one outlier
// frame (a huge image between normal ones) does not keep its memory for the node's lifetime;
// buffers within the factor are kept, so sizes that alternate do not reallocate every frame.
const (
	shrinkFactor   = 4
	minShrinkBytes = 1 << 20
)

// reusable reports whether a buffer of capacity capN elements of elemBytes each can serve n.
func reusable(capN, n, elemBytes int) bool {
	return capN >= n && (capN <= shrinkFactor*n || capN*elemBytes < minShrinkBytes)
}

// grow returns s resized to n, reusing its capacity unless it is far too large.
func grow(s []float32, n int) []float32 {
	if !reusable(cap(s), n, 4) {
		return make([]float32, n)
	}
	return s[:n]
}

// growHalf is grow for float16 buffers.
func growHalf(s []uint16, n int) []uint16 {
	if !reusable(cap(s), n, 2) {
		return make([]uint16, n)
	}
	return s[:n]
}

// growBytes is grow for byte buffers.
func growBytes(s []byte, n int) []byte {
	if !reusable(cap(s), n, 1) {
		return make([]byte, n)
	}
	return s[:n]
}
