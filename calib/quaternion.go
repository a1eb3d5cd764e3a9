package calib

import (
	"fmt"
	"math"
)

// Quaternion is a rotation as (x, y, z, w), the order ROS messages use.
type Quaternion struct{ X, Y, Z, W float64 }

// IdentityQuaternion is the rotation that changes nothing.
var IdentityQuaternion = Quaternion{W: 1}

// Normalize returns q scaled to unit length, or an ErrTransform error when q
// is zero or not finite (a rotation cannot be recovered from it).
func (q Quaternion) Normalize() (Quaternion, error) {
	n := math.Sqrt(q.X*q.X + q.Y*q.Y + q.Z*q.Z + q.W*q.W)
	if math.IsNaN(n) || math.IsInf(n, 0) || n < 1e-9 {
		return Quaternion{}, fmt.Errorf("%w: quaternion (%g %g %g %g) has no direction", ErrTransform, q.X, q.Y, q.Z, q.W)
	}
	return Quaternion{q.X / n, q.Y / n, q.Z / n, q.W / n}, nil
}

// Mul returns the Hamilton product q*r: rotate by r, then by q.
func (q Quaternion) Mul(r Quaternion) Quaternion {
	return Quaternion{
		X: q.W*r.X + q.X*r.W + q.Y*r.Z - q.Z*r.Y,
		Y: q.W*r.Y - q.X*r.Z + q.Y*r.W + q.Z*r.X,
		Z: q.W*r.Z + q.X*r.Y - q.Y*r.X + q.Z*r.W,
		W: q.W*r.W - q.X*r.X - q.Y*r.Y - q.Z*r.Z,
	}
}

// Conj returns the conjugate, the inverse rotation of a unit quaternion.
func (q Quaternion) Conj() Quaternion { return Quaternion{-q.X, -q.Y, -q.Z, q.W} }

// Matrix returns the row-major 3x3 rotation matrix of the unit quaternion q.
func (q Quaternion) Matrix() [9]float64 {
	x, y, z, w := q.X, q.Y, q.Z, q.W
	return [9]float64{
		1 - 2*(y*y+z*z), 2 * (x*y - z*w), 2 * (x*z + y*w),
		2 * (x*y + z*w), 1 - 2*(x*x+z*z), 2 * (y*z - x*w),
		2 * (x*z - y*w), 2 * (y*z + x*w), 1 - 2*(x*x+y*y),
	}
}

// Rotate returns v rotated by the unit quaternion q.
func (q Quaternion) Rotate(v Vec3) Vec3 {
	m := q.Matrix()
	return Vec3{
		m[0]*v.X + m[1]*v.Y + m[2]*v.Z,
		m[3]*v.X + m[4]*v.Y + m[5]*v.Z,
		m[6]*v.X + m[7]*v.Y + m[8]*v.Z,
	}
}

// Slerp interpolates between unit quaternions q (f=0) and r (f=1) along the
// shorter arc.
func (q Quaternion) Slerp(r Quaternion, f float64) Quaternion {
	d := q.X*r.X + q.Y*r.Y + q.Z*r.Z + q.W*r.W
	if d < 0 { // q and -q are the same rotation; take the short way round
		r, d = Quaternion{-r.X, -r.Y, -r.Z, -r.W}, -d
	}
	a, b := 1-f, f
	if d < 0.9995 {
		th := math.Acos(d)
		sn := math.Sin(th)
		a, b = math.Sin((1-f)*th)/sn, math.Sin(f*th)/sn
	}
	out := Quaternion{a*q.X + b*r.X, a*q.Y + b*r.Y, a*q.Z + b*r.Z, a*q.W + b*r.W}
	if n, err := out.Normalize(); err == nil {
		return n
	}
	return q
}
