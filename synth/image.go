package synth

import "math"

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

// toneSteps is the resolution of the tone table per unit of sqrt(radiance).
const toneSteps = 1024

// toneTable caches toneCurve at sqrt(radiance) = i/toneSteps up to 4
// (radiance 16, far past white): the curve costs a Pow and an Exp per
// channel, the table one square root.
var toneTable = func() [4*toneSteps + 1]uint8 {
	var t [4*toneSteps + 1]uint8
	for i := range t {
		r := float64(i) / toneSteps
		t[i] = toneCurve(r * r)
	}
	return t
}()

// toneCurve maps linear radiance to an 8-bit sRGB-like value: a soft
// shoulder instead of hard clipping, then gamma 2.2.
func toneCurve(x float64) uint8 {
	y := math.Pow(1-math.Exp(-1.4*x), 1/2.2)
	return uint8(math.Min(255, math.Round(y*255)))
}

// toneMap is toneCurve through the table (nearest entry).
func toneMap(x float64) uint8 {
	if !(x > 0) {
		return 0
	}
	i := int(math.Sqrt(x)*toneSteps + 0.5)
	if i >= len(toneTable) {
		return toneTable[len(toneTable)-1]
	}
	return toneTable[i]
}
