package synth

import "math"

// Mat3 is a row-major 3x3 matrix, used for rotations.
type Mat3 [3][3]float64

// Apply returns m*v.
func (m Mat3) Apply(v Vec3) Vec3 {
	return Vec3{
		m[0][0]*v.X + m[0][1]*v.Y + m[0][2]*v.Z,
		m[1][0]*v.X + m[1][1]*v.Y + m[1][2]*v.Z,
		m[2][0]*v.X + m[2][1]*v.Y + m[2][2]*v.Z,
	}
}

// ApplyT returns transpose(m)*v, the inverse rotation for an orthonormal m.
func (m Mat3) ApplyT(v Vec3) Vec3 {
	return Vec3{
		m[0][0]*v.X + m[1][0]*v.Y + m[2][0]*v.Z,
		m[0][1]*v.X + m[1][1]*v.Y + m[2][1]*v.Z,
		m[0][2]*v.X + m[1][2]*v.Y + m[2][2]*v.Z,
	}
}

// Mul returns m*n.
func (m Mat3) Mul(n Mat3) Mat3 {
	var r Mat3
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			r[i][j] = m[i][0]*n[0][j] + m[i][1]*n[1][j] + m[i][2]*n[2][j]
		}
	}
	return r
}

// Transpose returns the transpose of m.
func (m Mat3) Transpose() Mat3 {
	var r Mat3
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			r[i][j] = m[j][i]
		}
	}
	return r
}

// Columns builds the matrix whose columns are a, b and c.
func Columns(a, b, c Vec3) Mat3 {
	return Mat3{{a.X, b.X, c.X}, {a.Y, b.Y, c.Y}, {a.Z, b.Z, c.Z}}
}

// RotZ is the rotation by angle (radians) about +z.
func RotZ(angle float64) Mat3 {
	s, c := math.Sincos(angle)
	return Mat3{{c, -s, 0}, {s, c, 0}, {0, 0, 1}}
}
