package synth

// FloorZ is the floor's height in every scene's world frame: indoor rooms and outdoor yards
// stand on the plane z = 0, and props and trees on that plane.
const FloorZ = 0.0

// Footprint is the robot's footprint under a camera pose worldFromCamera (world <- optical):
// REP-120's base_footprint, with its origin on the floor straight below the camera, z up and x
// along the camera's horizontal heading (y left). The floor is its z = 0 plane, so
// Footprint(p).Inverse().Compose(p) holds the camera's height above the floor in T.Z and its
// tilt in R, exactly.
func Footprint(worldFromCamera Pose) Pose {
	// The optical x axis (right) is horizontal for a camera without roll, as Path's are;
	// its horizontal part keeps the heading defined for any roll and for a view straight down.
	r := worldFromCamera.R
	right := Vec3{r[0][0], r[1][0], 0}.Unit()
	forward := Vec3{-right.Y, right.X, 0}
	left := Vec3{-forward.Y, forward.X, 0}
	t := worldFromCamera.T
	return Pose{R: Columns(forward, left, Vec3{0, 0, 1}), T: Vec3{t.X, t.Y, FloorZ}}
}

// GroundFromCamera is the camera's optical frame in its Footprint (footprint <- optical):
// what a TF lookup from the camera's frame to base_footprint returns.
func GroundFromCamera(worldFromCamera Pose) Pose {
	return Footprint(worldFromCamera).Inverse().Compose(worldFromCamera)
}
