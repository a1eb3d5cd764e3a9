package cloud

import "fmt"

// MaxSide is the largest image width or height Build accepts.
const MaxSide = 1 << 15

// Input is one frame to turn into a cloud. Pixel (u,v) is element v*Width+u.
type Input struct {
	Width, Height int
	// Depth is metres along the optical axis (z); NaN, infinite or <= 0 is invalid.
	Depth []float32
	// RGB is rgb8, 3 bytes a pixel; nil leaves the colour 0 (black).
	RGB []byte
	// Normals are unit normals in the optical frame pointing toward the
	// camera, 3 floats a pixel; nil leaves them 0 (Report.Normals says so).
	Normals []float32
	// Intrinsics of the depth image.
	Intrinsics Intrinsics
}

// Validate names what does not fit together.
func (in *Input) Validate() error {
	if in.Width < 1 || in.Height < 1 || in.Width > MaxSide || in.Height > MaxSide {
		return fmt.Errorf("%w: size %dx%d: want 1..%d pixels a side", ErrInput, in.Width, in.Height, MaxSide)
	}
	n := in.Width * in.Height
	if len(in.Depth) != n {
		return fmt.Errorf("%w: depth has %d values, want %dx%d = %d", ErrInput, len(in.Depth), in.Width, in.Height, n)
	}
	if in.RGB != nil && len(in.RGB) != 3*n {
		return fmt.Errorf("%w: rgb has %d bytes, want %dx%dx3 = %d", ErrInput, len(in.RGB), in.Width, in.Height, 3*n)
	}
	if in.Normals != nil && len(in.Normals) != 3*n {
		return fmt.Errorf("%w: normals have %d values, want %dx%dx3 = %d", ErrInput, len(in.Normals), in.Width, in.Height, 3*n)
	}
	return in.Intrinsics.Validate(in.Width, in.Height)
}
