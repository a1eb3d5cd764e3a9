package synth

// Intrinsics is a pinhole camera without distortion (ROS CameraInfo with the
// plumb_bob model and zero coefficients). Pixel (u, v) integer coordinates
// are pixel centres, as in OpenCV and ROS: u = Fx*x/z + Cx.
type Intrinsics struct {
	Width, Height int
	Fx, Fy        float64
	Cx, Cy        float64
}

// DefaultIntrinsics returns square pixels, a ~67 degree horizontal field of
// view and the principal point at the image centre.
func DefaultIntrinsics(width, height int) Intrinsics {
	f := 0.75 * float64(width)
	return Intrinsics{
		Width: width, Height: height,
		Fx: f, Fy: f,
		Cx: float64(width-1) / 2, Cy: float64(height-1) / 2,
	}
}

// K returns the row-major 3x3 camera matrix.
func (in Intrinsics) K() [9]float64 {
	return [9]float64{in.Fx, 0, in.Cx, 0, in.Fy, in.Cy, 0, 0, 1}
}

// P returns the row-major 3x4 projection matrix of a monocular camera.
func (in Intrinsics) P() [12]float64 {
	return [12]float64{in.Fx, 0, in.Cx, 0, 0, in.Fy, in.Cy, 0, 0, 0, 1, 0}
}

// Project maps an optical-frame point to pixel coordinates; ok is false
// behind the camera.
func (in Intrinsics) Project(p Vec3) (u, v float64, ok bool) {
	if p.Z <= 0 {
		return 0, 0, false
	}
	return in.Fx*p.X/p.Z + in.Cx, in.Fy*p.Y/p.Z + in.Cy, true
}

// Ray returns the optical-frame direction through pixel (u, v), scaled so
// that its z is 1 (a point at depth z is z*Ray).
func (in Intrinsics) Ray(u, v float64) Vec3 {
	return Vec3{(u - in.Cx) / in.Fx, (v - in.Cy) / in.Fy, 1}
}
