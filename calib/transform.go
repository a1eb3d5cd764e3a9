package calib

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Transform is a rigid motion p' = R(Rotation)*p + Translation, with a unit
// Rotation. Build one with NewTransform or ParseTransform; the zero value is
// not a rotation.
type Transform struct {
	Translation Vec3
	Rotation    Quaternion
}

// IdentityTransform maps every point onto itself.
var IdentityTransform = Transform{Rotation: IdentityQuaternion}

// NewTransform normalises the rotation and checks that every number is finite.
func NewTransform(translation Vec3, rotation Quaternion) (Transform, error) {
	if !translation.finite() {
		return Transform{}, fmt.Errorf("%w: translation (%g %g %g) is not finite", ErrTransform, translation.X, translation.Y, translation.Z)
	}
	q, err := rotation.Normalize()
	if err != nil {
		return Transform{}, err
	}
	return Transform{Translation: translation, Rotation: q}, nil
}

// ParseTransform parses "x y z qx qy qz qw" (the ~lidar_to_camera format,
// the argument order of static_transform_publisher): the pose of the child
// frame in the parent frame, so p_parent = R(q)*p_child + (x,y,z). The
// quaternion is normalised; a zero or non-finite one is refused.
func ParseTransform(s string) (Transform, error) {
	f := strings.Fields(s)
	if len(f) != 7 {
		return Transform{}, fmt.Errorf("%w: %q: want 7 numbers \"x y z qx qy qz qw\", got %d", ErrTransform, s, len(f))
	}
	var v [7]float64
	for i, w := range f {
		x, err := strconv.ParseFloat(w, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return Transform{}, fmt.Errorf("%w: %q: field %d (%q) is not a finite number", ErrTransform, s, i+1, w)
		}
		v[i] = x
	}
	t, err := NewTransform(Vec3{v[0], v[1], v[2]}, Quaternion{v[3], v[4], v[5], v[6]})
	if err != nil {
		return Transform{}, fmt.Errorf("%q: %w", s, err)
	}
	return t, nil
}

// Apply maps p through the transform.
func (t Transform) Apply(p Vec3) Vec3 { return t.Rotation.Rotate(p).Add(t.Translation) }

// Compose returns the transform that applies u first and then t:
// t.Compose(u).Apply(p) == t.Apply(u.Apply(p)). With t = A<-B and u = B<-C it
// gives A<-C.
func (t Transform) Compose(u Transform) Transform {
	return Transform{
		Translation: t.Rotation.Rotate(u.Translation).Add(t.Translation),
		Rotation:    t.Rotation.Mul(u.Rotation),
	}
}

// Inverse returns the transform that undoes t.
func (t Transform) Inverse() Transform {
	qi := t.Rotation.Conj()
	return Transform{Translation: qi.Rotate(t.Translation).Scale(-1), Rotation: qi}
}

// interpolate blends t (f=0) and u (f=1): linear in translation, slerp in rotation.
func (t Transform) interpolate(u Transform, f float64) Transform {
	d := u.Translation.Add(t.Translation.Scale(-1))
	return Transform{Translation: t.Translation.Add(d.Scale(f)), Rotation: t.Rotation.Slerp(u.Rotation, f)}
}
