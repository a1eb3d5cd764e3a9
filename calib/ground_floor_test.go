package calib

import (
	"errors"
	"fmt"
	"math"
	"testing"
)

// TestFloorFromTransformMatchesAttitude builds the optical frame's pose in
// base_footprint the way a URDF does (camera_link at height h with REP-103
// pitch and roll, then the standard optical rotation) and checks both
// sources give the same floor.
func TestFloorFromTransformMatchesAttitude(t *testing.T) {
	// camera_link <- camera_optical: static_transform_publisher 0 0 0 -pi/2 0 -pi/2.
	linkOptical := Transform{Rotation: Quaternion{-0.5, 0.5, -0.5, 0.5}}
	if f := linkOptical.Apply(Vec3{0, 0, 1}); math.Abs(f.X-1) > 1e-12 {
		t.Fatalf("optical z maps to %v in camera_link, want forward (1,0,0)", f)
	}
	for _, c := range []struct{ h, pitch, roll float64 }{
		{1.2, 0, 0}, {0.3, 15, 0}, {2.5, 45, 5}, {1, 89, -20}, {0.8, -30, 12}, {1.5, 60, 170},
	} {
		t.Run(fmt.Sprintf("h%g_p%g_r%g", c.h, c.pitch, c.roll), func(t *testing.T) {
			q := quatFromAxisAngle(Vec3{0, 1, 0}, deg(c.pitch)).Mul(quatFromAxisAngle(Vec3{1, 0, 0}, deg(c.roll)))
			groundLink := Transform{Translation: Vec3{0.2, -0.1, c.h}, Rotation: q}
			fromTF, err := FloorFromTransform(groundLink.Compose(linkOptical))
			if err != nil {
				t.Fatal(err)
			}
			fromAtt := mustFloor(t, c.h, c.pitch, c.roll)
			if d := fromTF.Up.Add(fromAtt.Up.Scale(-1)).Norm(); d > 1e-12 || math.Abs(fromTF.Height-c.h) > 1e-12 {
				t.Fatalf("TF gives %+v, attitude %+v", fromTF, fromAtt)
			}
			if c.pitch == 0 && c.roll == 0 && fromAtt.Up.Add(Vec3{0, 1, 0}).Norm() > 1e-12 {
				t.Fatalf("level camera: up %v, want (0,-1,0) (optical y is down)", fromAtt.Up)
			}
		})
	}
}

func TestFloorRefuses(t *testing.T) {
	cases := map[string]func() (Floor, error){
		"below_floor":  func() (Floor, error) { return FloorFromAttitude(-1, 0.3, 0) },
		"zero_height":  func() (Floor, error) { return FloorFromAttitude(0, 0.3, 0) },
		"nan_pitch":    func() (Floor, error) { return FloorFromAttitude(1, math.NaN(), 0) },
		"pitch_beyond": func() (Floor, error) { return FloorFromAttitude(1, 2, 0) },
		"tf_below": func() (Floor, error) {
			return FloorFromTransform(Transform{Translation: Vec3{Z: -0.5}, Rotation: IdentityQuaternion})
		},
		"zero_up": func() (Floor, error) { return Floor{Height: 1}.normalized() },
	}
	for name, f := range cases {
		if _, err := f(); !errors.Is(err, ErrFloorPlane) {
			t.Errorf("%s: err = %v, want ErrFloorPlane", name, err)
		}
	}
}

// TestCameraRayInvertsProject: Ray is Project's inverse for every model.
func TestCameraRayInvertsProject(t *testing.T) {
	cams := map[string]*Camera{
		"pinhole":     sceneCamera(t, 640, 480),
		"plumb_bob":   sceneCameraWith(t, 640, 480, ModelPlumbBob, []float64{-0.21, 0.05, 0.001, -0.0008, -0.004}),
		"rational":    sceneCameraWith(t, 640, 480, ModelRationalPolynomial, []float64{0.4, -0.1, 0.0005, -0.0003, 0.02, 0.5, -0.05, 0.03}),
		"equidistant": sceneCameraWith(t, 640, 480, ModelEquidistant, []float64{0.02, -0.01, 0.003, -0.001}),
	}
	th := 0.05
	rect, err := NewCamera(CameraInfo{Width: 640, Height: 480, K: [9]float64{500, 0, 320, 0, 500, 240, 0, 0, 1},
		R: [9]float64{math.Cos(th), 0, math.Sin(th), 0, 1, 0, -math.Sin(th), 0, math.Cos(th)},
		P: [12]float64{700, 0, 330, 0, 0, 700, 250, 0, 0, 0, 1, 0}}, 640, 480, true)
	if err != nil {
		t.Fatal(err)
	}
	cams["rectified"] = rect
	for name, cam := range cams {
		t.Run(name, func(t *testing.T) {
			for v := 0.0; v < 480; v += 37 {
				for u := 0.0; u < 640; u += 41 {
					r, ok := cam.Ray(u, v)
					if !ok {
						t.Fatalf("no ray at (%g, %g)", u, v)
					}
					pu, pv, ok := cam.Project(r.Scale(3))
					if !ok || math.Abs(pu-u) > 1e-6 || math.Abs(pv-v) > 1e-6 || r.Z != 1 {
						t.Fatalf("Ray(%g, %g) = %v projects to (%g, %g, %v)", u, v, r, pu, pv, ok)
					}
				}
			}
		})
	}
}
