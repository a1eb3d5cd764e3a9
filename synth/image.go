package synth

// MaxDepth is the farthest valid depth (metres): beyond it depth is invalid,
// which also keeps it inside the data set's 16-bit millimetre PNGs.
const MaxDepth = 65.0

// Image is one rendered camera frame with its exact ground truth.
type Image struct {
	Intrinsics
	// RGB is packed 8-bit sRGB, row-major, 3 bytes per pixel.
	RGB []uint8
	// Depth is the optical-axis distance z in metres per pixel, NaN where
	// nothing (or nothing nearer than MaxDepth) was hit.
	Depth []float32
	// Normals holds unit surface normals, 3 per pixel, in the optical frame
	// (x right, y down, z forward), pointing out of the surface toward the
	// camera; NaN where Depth is NaN.
	Normals []float32
}

// NewImage allocates an image of the intrinsics' size.
func NewImage(in Intrinsics) *Image {
	n := in.Width * in.Height
	return &Image{Intrinsics: in, RGB: make([]uint8, 3*n), Depth: make([]float32, n), Normals: make([]float32, 3*n)}
}
