package calib

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/depthnode/depthnode/internal/rostest"
)

// openCVProject projects camera-frame points with OpenCV's projectPoints
// (or fisheye::projectPoints) through Debian's python3-opencv.
func openCVProject(t *testing.T, model string, k [9]float64, d []float64, pts []Vec3) [][2]float64 {
	t.Helper()
	req := map[string]any{"model": model, "K": k, "D": d, "points": func() [][3]float64 {
		out := make([][3]float64, len(pts))
		for i, p := range pts {
			out[i] = [3]float64{p.X, p.Y, p.Z}
		}
		return out
	}()}
	in, _ := json.Marshal(req)
	cmd := rostest.Python("../testdata/calib/project_points.py")
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("OpenCV projection: %v\n%s(install python3-opencv: bash scripts/install-deps.sh test)", err, stderr.String())
	}
	var res struct{ UV [][2]float64 }
	if err := json.Unmarshal(out, &res); err != nil || len(res.UV) != len(pts) {
		t.Fatalf("OpenCV projection output %q: %v", out, err)
	}
	return res.UV
}

var testK = [9]float64{910.5, 0, 643.2, 0, 905.1, 361.7, 0, 0, 1}

func TestProjectMatchesOpenCV(t *testing.T) {
	cases := []struct {
		name, model string
		d           []float64
	}{
		{"pinhole", ModelPlumbBob, nil},
		{"plumb_bob", ModelPlumbBob, []float64{-0.28, 0.09, 0.0012, -0.0007, -0.012}},
		{"plumb_bob_short_D", ModelPlumbBob, []float64{0.05, -0.02, 0.001, 0.002}},
		{"rational_polynomial", ModelRationalPolynomial, []float64{0.61, -2.73, 0.0005, -0.0003, 1.55, 0.49, -2.55, 1.47}},
		{"equidistant", ModelEquidistant, []float64{0.021, -0.013, 0.004, -0.0011}},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			info := CameraInfo{Width: 1280, Height: 720, DistortionModel: tc.model, D: tc.d, K: testK}
			cam, err := NewCamera(info, 1280, 720, false)
			if err != nil {
				t.Fatal(err)
			}
			pts := make([]Vec3, 2000)
			for i := range pts {
				z := 0.5 + 60*rng.Float64()
				pts[i] = Vec3{(rng.Float64()*2.4 - 1.2) * z, (rng.Float64()*1.6 - 0.8) * z, z}
			}
			want := openCVProject(t, tc.model, testK, tc.d, pts)
			accepted := 0
			for i, p := range pts {
				u, v, ok := cam.Project(p)
				cu, cv := want[i][0], want[i][1]
				inImage := cu >= -0.5 && cu < 1279.5 && cv >= -0.5 && cv < 719.5
				r2 := (p.X*p.X + p.Y*p.Y) / (p.Z * p.Z)
				if !ok {
					// Refusal is right outside the image, or beyond the
					// radius where the model folds back.
					if inImage && r2 <= cam.maxR2 {
						t.Fatalf("point %v: OpenCV puts it at (%g, %g) in the image, Project refused it", p, cu, cv)
					}
					continue
				}
				accepted++
				if math.Hypot(u-cu, v-cv) > 1e-6 {
					t.Fatalf("point %v: Project (%.9f, %.9f), OpenCV (%.9f, %.9f)", p, u, v, cu, cv)
				}
			}
			if accepted < 500 {
				t.Fatalf("only %d of %d points accepted; the check covers too little", accepted, len(pts))
			}
		})
	}
}

func TestProjectRefusesFoldBack(t *testing.T) {
	// Strong barrel distortion: r(1+k1 r²) peaks at r≈0.91 and then falls,
	// so OpenCV maps a point at r=1.6 back into the image, mirrored.
	d := []float64{-0.4, 0, 0, 0, 0}
	info := CameraInfo{Width: 1280, Height: 720, DistortionModel: ModelPlumbBob, D: d, K: testK}
	cam, err := NewCamera(info, 1280, 720, false)
	if err != nil {
		t.Fatal(err)
	}
	p := Vec3{1.6 * 10, 0, 10}
	uv := openCVProject(t, ModelPlumbBob, testK, d, []Vec3{p})[0]
	if !(uv[0] >= 0 && uv[0] < 1280) {
		t.Fatalf("OpenCV put the fold-back point at u=%g, outside the image: the test scene is wrong", uv[0])
	}
	if u, v, ok := cam.Project(p); ok {
		t.Fatalf("fold-back point accepted at (%g, %g); OpenCV shows it at (%g, %g), on the wrong side", u, v, uv[0], uv[1])
	}
}

func TestProjectGates(t *testing.T) {
	info := CameraInfo{Width: 640, Height: 480, DistortionModel: ModelPlumbBob, K: [9]float64{500, 0, 319.5, 0, 500, 239.5, 0, 0, 1}}
	cam, err := NewCamera(info, 640, 480, false)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		p    Vec3
		ok   bool
	}{
		{"centre", Vec3{0, 0, 3}, true},
		{"behind", Vec3{0, 0, -3}, false},
		{"on_the_plane", Vec3{0.1, 0, 0}, false},
		{"too_close", Vec3{0, 0, 1e-4}, false},
		{"left_of_image", Vec3{-1.0, 0, 1}, false},
		{"just_inside_right_edge", Vec3{(639.4 - 319.5) / 500, 0, 1}, true},
		{"just_outside_right_edge", Vec3{(639.6 - 319.5) / 500, 0, 1}, false},
		{"nan", Vec3{math.NaN(), 0, 1}, false},
		{"inf_z", Vec3{0, 0, math.Inf(1)}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, ok := cam.Project(tc.p); ok != tc.ok {
				t.Fatalf("Project(%v) ok = %v, want %v", tc.p, ok, tc.ok)
			}
		})
	}
}

func TestCameraScaling(t *testing.T) {
	// A point's pixel in the half-size image must be where the full-size
	// pixel lands after a 2x area downscale: (u+0.5)/2-0.5.
	info := CameraInfo{Width: 1280, Height: 720, DistortionModel: ModelPlumbBob, D: []float64{-0.1, 0.02, 0, 0, 0}, K: testK,
		R: [9]float64{1, 0, 0, 0, 1, 0, 0, 0, 1}, P: [12]float64{880, 0, 650, 0, 0, 880, 355, 0, 0, 0, 1, 0}}
	for _, rectified := range []bool{false, true} {
		full, err := NewCamera(info, 1280, 720, rectified)
		if err != nil {
			t.Fatal(err)
		}
		half, err := NewCamera(info, 640, 360, rectified)
		if err != nil {
			t.Fatal(err)
		}
		checkHalf(t, full, half)
	}
}

func checkHalf(t *testing.T, full, half *Camera) {
	t.Helper()
	for _, p := range []Vec3{{0, 0, 2}, {1, 0.5, 3}, {-2, -1, 4}} {
		u, v, ok := full.Project(p)
		uh, vh, okh := half.Project(p)
		if !ok || !okh {
			t.Fatalf("point %v refused (full %v, half %v)", p, ok, okh)
		}
		if math.Abs(uh-((u+0.5)/2-0.5)) > 1e-9 || math.Abs(vh-((v+0.5)/2-0.5)) > 1e-9 {
			t.Fatalf("point %v: full (%g,%g), half (%g,%g)", p, u, v, uh, vh)
		}
	}
}

func TestNewCameraRefuses(t *testing.T) {
	good := CameraInfo{Width: 640, Height: 480, DistortionModel: ModelPlumbBob, K: [9]float64{500, 0, 320, 0, 500, 240, 0, 0, 1}}
	cases := []struct {
		name          string
		edit          func(*CameraInfo)
		width, height int
		rectified     bool
		want          error
	}{
		{"crop_not_resize", func(*CameraInfo) {}, 640, 360, false, ErrCameraSize},
		{"zero_image", func(*CameraInfo) {}, 0, 480, false, ErrCameraSize},
		{"uncalibrated_K", func(c *CameraInfo) { c.K = [9]float64{} }, 640, 480, false, ErrCameraInfo},
		{"nan_K", func(c *CameraInfo) { c.K[2] = math.NaN() }, 640, 480, false, ErrCameraInfo},
		{"unknown_model", func(c *CameraInfo) { c.DistortionModel = "kannala" }, 640, 480, false, ErrCameraInfo},
		{"too_many_D", func(c *CameraInfo) { c.D = make([]float64, 8) }, 640, 480, false, ErrCameraInfo},
		{"nan_D", func(c *CameraInfo) { c.D = []float64{math.NaN()} }, 640, 480, false, ErrCameraInfo},
		{"rectified_without_P", func(*CameraInfo) {}, 640, 480, true, ErrCameraInfo},
		{"negative_size", func(c *CameraInfo) { c.Width = -1 }, 640, 480, false, ErrCameraInfo},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			info := good
			tc.edit(&info)
			if _, err := NewCamera(info, tc.width, tc.height, tc.rectified); !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestRectifiedUsesRAndP(t *testing.T) {
	// Independent answer: rotate by R, then apply P by hand.
	th := 0.05
	r := [9]float64{math.Cos(th), 0, math.Sin(th), 0, 1, 0, -math.Sin(th), 0, math.Cos(th)}
	p := [12]float64{700, 0, 330, -42, 0, 700, 250, 0, 0, 0, 1, 0}
	info := CameraInfo{Width: 640, Height: 480, DistortionModel: ModelPlumbBob, D: []float64{0.3, 0, 0, 0, 0}, K: [9]float64{500, 0, 320, 0, 500, 240, 0, 0, 1}, R: r, P: p}
	cam, err := NewCamera(info, 640, 480, true)
	if err != nil {
		t.Fatal(err)
	}
	pt := Vec3{0.3, -0.2, 4}
	x := r[0]*pt.X + r[1]*pt.Y + r[2]*pt.Z
	y := r[3]*pt.X + r[4]*pt.Y + r[5]*pt.Z
	z := r[6]*pt.X + r[7]*pt.Y + r[8]*pt.Z
	wu, wv := (p[0]*x+p[2]*z+p[3])/z, (p[5]*y+p[6]*z)/z
	u, v, ok := cam.Project(pt)
	if !ok || math.Abs(u-wu) > 1e-9 || math.Abs(v-wv) > 1e-9 {
		t.Fatalf("Project = (%g, %g, %v), want (%g, %g)", u, v, ok, wu, wv)
	}
}
