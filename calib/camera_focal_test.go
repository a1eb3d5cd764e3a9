package calib

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// TestNewCameraRefusesAbsurdIntrinsics: a focal length of 1e-30 px (or a
// principal point a light year away) is finite and positive but cannot be a
// lens; the error names the field.
func TestNewCameraRefusesAbsurdIntrinsics(t *testing.T) {
	good := CameraInfo{Width: 640, Height: 480, DistortionModel: ModelPlumbBob,
		K: [9]float64{500, 0, 320, 0, 500, 240, 0, 0, 1},
		P: [12]float64{500, 0, 320, 0, 0, 500, 240, 0, 0, 0, 1, 0}}
	cases := []struct {
		name      string
		edit      func(*CameraInfo)
		rectified bool
		field     string // "" = accepted
	}{
		{"good", func(*CameraInfo) {}, false, ""},
		{"good_rectified", func(*CameraInfo) {}, true, ""},
		{"wide_fisheye", func(c *CameraInfo) { c.K[0], c.K[4] = 150, 150 }, false, ""},
		{"long_lens", func(c *CameraInfo) { c.K[0], c.K[4] = 3e5, 3e5 }, false, ""},
		{"tiny_fx", func(c *CameraInfo) { c.K[0] = 1e-30 }, false, "fx"},
		{"tiny_fy", func(c *CameraInfo) { c.K[4] = 1e-30 }, false, "fy"},
		{"huge_fx", func(c *CameraInfo) { c.K[0] = 1e30 }, false, "fx"},
		{"negative_fy", func(c *CameraInfo) { c.K[4] = -500 }, false, "fy"},
		{"nan_fx", func(c *CameraInfo) { c.K[0] = math.NaN() }, false, "K"},
		{"far_cx", func(c *CameraInfo) { c.K[2] = 1e30 }, false, "cx"},
		{"far_cy", func(c *CameraInfo) { c.K[5] = -1e6 }, false, "cy"},
		{"tiny_P_fx", func(c *CameraInfo) { c.P[0] = 1e-30 }, true, "P[0]"},
		{"huge_P_fy", func(c *CameraInfo) { c.P[5] = 1e30 }, true, "P[5]"},
		{"far_P_cx", func(c *CameraInfo) { c.P[2] = 1e30 }, true, "P[2]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			info := good
			tc.edit(&info)
			_, err := NewCamera(info, 640, 480, tc.rectified)
			if tc.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, ErrCameraInfo) || !strings.Contains(err.Error(), tc.field) {
				t.Fatalf("err = %v, want ErrCameraInfo naming %s", err, tc.field)
			}
		})
	}
}
