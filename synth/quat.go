package synth

import "math"

// Quat is a unit quaternion in ROS order (X, Y, Z, W).
type Quat struct{ X, Y, Z, W float64 }

// QuatFromMat3 converts a rotation matrix to a unit quaternion with W >= 0
// (Shepperd's method: pick the largest diagonal term for stability).
func QuatFromMat3(m Mat3) Quat {
	tr := m[0][0] + m[1][1] + m[2][2]
	var q Quat
	switch {
	case tr > 0:
		s := math.Sqrt(tr+1) * 2
		q = Quat{(m[2][1] - m[1][2]) / s, (m[0][2] - m[2][0]) / s, (m[1][0] - m[0][1]) / s, s / 4}
	case m[0][0] > m[1][1] && m[0][0] > m[2][2]:
		s := math.Sqrt(1+m[0][0]-m[1][1]-m[2][2]) * 2
		q = Quat{s / 4, (m[0][1] + m[1][0]) / s, (m[0][2] + m[2][0]) / s, (m[2][1] - m[1][2]) / s}
	case m[1][1] > m[2][2]:
		s := math.Sqrt(1+m[1][1]-m[0][0]-m[2][2]) * 2
		q = Quat{(m[0][1] + m[1][0]) / s, s / 4, (m[1][2] + m[2][1]) / s, (m[0][2] - m[2][0]) / s}
	default:
		s := math.Sqrt(1+m[2][2]-m[0][0]-m[1][1]) * 2
		q = Quat{(m[0][2] + m[2][0]) / s, (m[1][2] + m[2][1]) / s, s / 4, (m[1][0] - m[0][1]) / s}
	}
	if q.W < 0 {
		q = Quat{-q.X, -q.Y, -q.Z, -q.W}
	}
	n := math.Sqrt(q.X*q.X + q.Y*q.Y + q.Z*q.Z + q.W*q.W)
	return Quat{q.X / n, q.Y / n, q.Z / n, q.W / n}
}

// Mat3 returns the rotation matrix of q (q need not be exactly unit).
func (q Quat) Mat3() Mat3 {
	n := q.X*q.X + q.Y*q.Y + q.Z*q.Z + q.W*q.W
	s := 2 / n
	x, y, z, w := q.X, q.Y, q.Z, q.W
	return Mat3{
		{1 - s*(y*y+z*z), s * (x*y - z*w), s * (x*z + y*w)},
		{s * (x*y + z*w), 1 - s*(x*x+z*z), s * (y*z - x*w)},
		{s * (x*z - y*w), s * (y*z + x*w), 1 - s*(x*x+y*y)},
	}
}
