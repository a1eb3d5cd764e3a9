package synth

import (
	"math"
	"math/rand"
	"testing"
)

// TestOpticalFromLidarQuaternion compares with the well-known ROS optical
// frame rotation: base (x fwd, y left, z up) <- optical is the quaternion
// (-0.5, 0.5, -0.5, 0.5); optical <- LiDAR is its inverse.
func TestOpticalFromLidarQuaternion(t *testing.T) {
	q := QuatFromMat3(OpticalFromLidarAxes)
	want := Quat{0.5, -0.5, 0.5, 0.5}
	if math.Abs(q.X-want.X)+math.Abs(q.Y-want.Y)+math.Abs(q.Z-want.Z)+math.Abs(q.W-want.W) > 1e-12 {
		t.Fatalf("quaternion %+v, want %+v", q, want)
	}
	cases := []struct {
		name       string
		lidar, cam Vec3
	}{
		{"forward", Vec3{1, 0, 0}, Vec3{0, 0, 1}},
		{"left", Vec3{0, 1, 0}, Vec3{-1, 0, 0}},
		{"up", Vec3{0, 0, 1}, Vec3{0, -1, 0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := q.Mat3().Apply(c.lidar); got.Sub(c.cam).Norm() > 1e-12 {
				t.Errorf("R(q)*%v = %v, want %v", c.lidar, got, c.cam)
			}
		})
	}
}

// TestQuatRoundTrip converts random rotations to quaternions and back,
// including the near-180-degree branches of Shepperd's method.
func TestQuatRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	for i := 0; i < 200; i++ {
		q := Quat{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
		if i%4 == 0 {
			q.W = 1e-3 * rng.NormFloat64() // half-turns
		}
		m := q.Mat3()
		back := QuatFromMat3(m).Mat3()
		for r := 0; r < 3; r++ {
			for c := 0; c < 3; c++ {
				if math.Abs(back[r][c]-m[r][c]) > 1e-9 {
					t.Fatalf("rotation %d: entry (%d,%d) %g, want %g", i, r, c, back[r][c], m[r][c])
				}
			}
		}
	}
}

// TestPoseInverseCompose checks that a pose composed with its inverse is
// the identity and that Compose applies right-to-left.
func TestPoseInverseCompose(t *testing.T) {
	p := Pose{R: opticalRotation(0.7, 0.2), T: Vec3{1, 2, 3}}
	q := Pose{R: RotZ(-0.4), T: Vec3{-0.5, 0, 0.2}}
	x := Vec3{0.3, -1.2, 4}
	if got := p.Inverse().Apply(p.Apply(x)); got.Sub(x).Norm() > 1e-12 {
		t.Errorf("inverse: %v, want %v", got, x)
	}
	if got, want := p.Compose(q).Apply(x), p.Apply(q.Apply(x)); got.Sub(want).Norm() > 1e-12 {
		t.Errorf("compose: %v, want %v", got, want)
	}
}
