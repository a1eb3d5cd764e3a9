package synth

// Pose is a rigid transform: a point p in the child frame is R*p + T in the
// parent frame (ROS's convention for a transform parent <- child).
type Pose struct {
	R Mat3
	T Vec3
}

// Apply maps a child-frame point into the parent frame.
func (p Pose) Apply(v Vec3) Vec3 { return p.R.Apply(v).Add(p.T) }

// Inverse returns the transform child <- parent.
func (p Pose) Inverse() Pose {
	rt := p.R.Transpose()
	return Pose{R: rt, T: rt.Apply(p.T).Scale(-1)}
}

// Compose returns p*q: first q, then p (parent <- mid <- child).
func (p Pose) Compose(q Pose) Pose {
	return Pose{R: p.R.Mul(q.R), T: p.R.Apply(q.T).Add(p.T)}
}

// Quat returns the rotation as a unit quaternion.
func (p Pose) Quat() Quat { return QuatFromMat3(p.R) }
