package calib

import (
	"fmt"
	"math"
)

// Floor is the floor plane seen from the camera: Up is the unit up
// direction in the camera's optical frame (x right, y down, z forward) and
// Height the camera's height above the floor in metres. A floor point X
// (optical frame) satisfies Up·X = -Height, so along the pixel ray r
// (z = 1) its z-depth is Height / (-Up·r), defined below the horizon
// (-Up·r > 0). In the node's normals convention (out of the surface, toward
// the camera) the floor's predicted normal is Up itself.
type Floor struct {
	Up     Vec3
	Height float64
}

// normalized checks f and returns it with Up scaled to unit length.
func (f Floor) normalized() (Floor, error) {
	n := f.Up.Norm()
	switch {
	case !f.Up.finite() || !(n > 1e-9):
		return Floor{}, fmt.Errorf("%w: up direction (%g %g %g) has no direction", ErrFloorPlane, f.Up.X, f.Up.Y, f.Up.Z)
	case !(f.Height > 0 && f.Height <= math.MaxFloat64):
		return Floor{}, fmt.Errorf("%w: camera height %g m: want a finite height > 0 above the floor", ErrFloorPlane, f.Height)
	}
	f.Up = f.Up.Scale(1 / n)
	return f, nil
}

// FloorFromTransform reads the floor from groundFromCamera, the pose of the
// camera's optical frame in a ground frame whose z is up and whose origin is
// on the floor (base_footprint): p_ground = R p_camera + t, what
// TFBuffer.Lookup(ground, camera, stamp) returns. Up is R^T (0,0,1), the
// third row of R; Height is t.z, the camera origin's height.
func FloorFromTransform(groundFromCamera Transform) (Floor, error) {
	q, err := groundFromCamera.Rotation.Normalize()
	if err != nil {
		return Floor{}, err
	}
	m := q.Matrix()
	return Floor{Up: Vec3{m[6], m[7], m[8]}, Height: groundFromCamera.Translation.Z}.normalized()
}

// FloorFromAttitude builds the floor from the camera's height (metres) and
// attitude (radians), as REP-103 roll and pitch of the camera body (x
// forward, y left, z up) relative to the level floor, yaw being irrelevant:
// pitch > 0 looks down (pi/2 is straight down), roll > 0 turns the camera
// about its optical axis so that its right side goes down. The camera's
// optical frame is the body frame's usual x-right, y-down, z-forward
// rotation, so with pitch p and roll r, Up = (-cos p sin r, -cos p cos r, -sin p).
func FloorFromAttitude(height, pitch, roll float64) (Floor, error) {
	if math.IsNaN(pitch+roll) || math.IsInf(pitch+roll, 0) || math.Abs(pitch) > math.Pi/2 || math.Abs(roll) > math.Pi {
		return Floor{}, fmt.Errorf("%w: camera pitch %g rad, roll %g rad: want pitch in [-pi/2, pi/2], roll in [-pi, pi]", ErrFloorPlane, pitch, roll)
	}
	sp, cp := math.Sincos(pitch)
	sr, cr := math.Sincos(roll)
	return Floor{Up: Vec3{-cp * sr, -cp * cr, -sp}, Height: height}.normalized()
}
