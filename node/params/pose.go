package params

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ErrBadPose is wrapped when ~lidar_to_camera cannot be read.
var ErrBadPose = errors.New(`want "x y z qx qy qz qw"`)

// Pose is a rigid transform p_camera = R(q)*p_lidar + T, as
// static_transform_publisher's x y z qx qy qz qw gives it.
type Pose struct {
	// T is the translation in metres.
	T [3]float64
	// Q is the unit rotation quaternion (x, y, z, w).
	Q [4]float64
}

// ParsePose reads "x y z qx qy qz qw" (spaces or commas); "" gives nil (look
// the pose up in TF). The quaternion is normalised; a zero one is refused.
func ParsePose(s string) (*Pose, error) {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' })
	if len(fields) == 0 {
		return nil, nil
	}
	if len(fields) != 7 {
		return nil, fmt.Errorf("%w, got %d numbers in %q", ErrBadPose, len(fields), s)
	}
	var v [7]float64
	for i, f := range fields {
		x, err := strconv.ParseFloat(f, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("%w, %q is not a number", ErrBadPose, f)
		}
		v[i] = x
	}
	norm := math.Sqrt(v[3]*v[3] + v[4]*v[4] + v[5]*v[5] + v[6]*v[6])
	if norm < 1e-9 {
		return nil, fmt.Errorf("%w: the quaternion is zero", ErrBadPose)
	}
	p := &Pose{T: [3]float64{v[0], v[1], v[2]}}
	for i := range p.Q {
		p.Q[i] = v[3+i] / norm
	}
	return p, nil
}
