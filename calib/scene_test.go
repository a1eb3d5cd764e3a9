package calib

import (
	"math"
	"math/rand/v2"
	"testing"
)

// aabb is an axis-aligned box in the camera optical frame (y down).
type aabb struct{ lo, hi Vec3 }

// testScene is a room with boxes in it, all in the camera frame, so exact
// depth along any ray is a closed-form slab intersection.
type testScene struct{ boxes []aabb }

func newTestScene() *testScene {
	return &testScene{boxes: []aabb{
		{Vec3{-12, -6, -10}, Vec3{12, 1.6, 30}}, // the room: floor 1.6 m below the camera
		{Vec3{-2, 0.2, 5}, Vec3{0.5, 1.6, 7}},
		{Vec3{1.5, -1, 10}, Vec3{4, 1.6, 13}},
		{Vec3{-6, -2, 15}, Vec3{-3, 1.6, 18}},
	}}
}

// cast returns the ray parameter of the first surface hit from o along d
// (slab intersection with each box).
func (s *testScene) cast(o, d Vec3) float64 {
	best := math.Inf(1)
	for _, b := range s.boxes {
		t0, t1 := math.Inf(-1), math.Inf(1)
		for _, ax := range [3][4]float64{{o.X, d.X, b.lo.X, b.hi.X}, {o.Y, d.Y, b.lo.Y, b.hi.Y}, {o.Z, d.Z, b.lo.Z, b.hi.Z}} {
			org, dir, lo, hi := ax[0], ax[1], ax[2], ax[3]
			if dir == 0 {
				if org < lo || org > hi {
					t0, t1 = 1, 0 // parallel to this slab and outside it
				}
				continue
			}
			a, c := (lo-org)/dir, (hi-org)/dir
			t0, t1 = math.Max(t0, math.Min(a, c)), math.Min(t1, math.Max(a, c))
		}
		switch {
		case t0 > t1:
		case t0 > 1e-9: // seen from outside
			best = math.Min(best, t0)
		case t1 > 1e-9: // the origin is inside: the room's wall
			best = math.Min(best, t1)
		}
	}
	return best
}

// sceneCamera is a pinhole camera for w x h.
func sceneCamera(t testing.TB, w, h int) *Camera {
	return sceneCameraWith(t, w, h, ModelPlumbBob, nil)
}

// sceneCameraWith is the scene camera with a distortion model.
func sceneCameraWith(t testing.TB, w, h int, model string, d []float64) *Camera {
	f := 0.7 * float64(w)
	info := CameraInfo{Width: w, Height: h, DistortionModel: model, D: d,
		K: [9]float64{f, 0, float64(w)/2 - 0.5, 0, f, float64(h)/2 - 0.5, 0, 0, 1}}
	cam, err := NewCamera(info, w, h, false)
	if err != nil {
		t.Fatal(err)
	}
	return cam
}

// pixelRay returns the ray (z = 1) that the camera images at pixel (u, v):
// the distortion model inverted by Newton's method with a numerical
// Jacobian (the forward model is checked against OpenCV elsewhere).
func pixelRay(cam *Camera, u, v float64) Vec3 {
	yd := (v - cam.cy) / cam.fy
	xd := (u - cam.cx - cam.skew*yd) / cam.fx
	a, b := xd, yd
	fwd := func(a, b float64) (float64, float64) { return cam.dist.apply(a, b, a*a+b*b) }
	for i := 0; i < 30; i++ {
		x, y := fwd(a, b)
		ex, ey := x-xd, y-yd
		if math.Hypot(ex, ey) < 1e-15 {
			break
		}
		const h = 1e-7
		xa, ya := fwd(a+h, b)
		xb, yb := fwd(a, b+h)
		j00, j01, j10, j11 := (xa-x)/h, (xb-x)/h, (ya-y)/h, (yb-y)/h
		det := j00*j11 - j01*j10
		a -= (j11*ex - j01*ey) / det
		b -= (-j10*ex + j00*ey) / det
	}
	return Vec3{a, b, 1}
}

// trueDepth renders the scene's metric depth z for every pixel.
func trueDepth(s *testScene, cam *Camera) []float64 {
	z := make([]float64, cam.width*cam.height)
	for v := 0; v < cam.height; v++ {
		for u := 0; u < cam.width; u++ {
			z[v*cam.width+u] = s.cast(Vec3{}, pixelRay(cam, float64(u), float64(v))) // ray z = 1, so t is z
		}
	}
	return z
}

// relativeFrom makes relative depth an exact affine function of z (depth
// space) or 1/z (disparity space), stretched to [0,1] with 0 = near, and
// returns the true (s, t) with target = s*rel + t.
func relativeFrom(z []float64, space Space) ([]float32, ScaleShift) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range z {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	a, b := lo, hi // near and far, in the fitted quantity
	if space == SpaceDisparity {
		a, b = 1/lo, 1/hi
	}
	rel := make([]float32, len(z))
	for i, v := range z {
		rel[i] = float32((space.target(v) - a) / (b - a))
	}
	return rel, ScaleShift{Scale: b - a, Shift: a}
}

// sceneExtrinsic is the LiDAR's pose in the camera frame: 25 cm above and
// 10 cm behind the camera, axes x forward, y left, z up.
func sceneExtrinsic(t testing.TB) Transform {
	tr, err := ParseTransform("0.05 -0.25 -0.1 0.5 -0.5 0.5 0.5")
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// gridPoints back-projects every step-th pixel centre to its surface point
// and expresses it in the LiDAR frame: noise-free returns that land exactly
// on pixel centres.
func gridPoints(s *testScene, cam *Camera, ext Transform, step int) []Vec3 {
	inv := ext.Inverse()
	var pts []Vec3
	for v := step / 2; v < cam.height; v += step {
		for u := step / 2; u < cam.width; u += step {
			d := pixelRay(cam, float64(u), float64(v))
			pts = append(pts, inv.Apply(d.Scale(s.cast(Vec3{}, d))))
		}
	}
	return pts
}

// spinPoints simulates a 64-beam spinning LiDAR (2048 azimuths per turn)
// mounted at ext: each return's range gets relative Gaussian noise, and a
// share of returns becomes gross outliers (glass, dust, moving objects) at
// 0.3-0.7x or 1.4-2.5x their true range. Returns are in the LiDAR frame.
func spinPoints(s *testScene, ext Transform, noise, outliers float64, seed uint64) []Vec3 {
	rng := rand.New(rand.NewPCG(seed, 99))
	pts := make([]Vec3, 0, 64*2048)
	for b := 0; b < 64; b++ {
		el := (-24.8 + 26.8*float64(b)/63) * math.Pi / 180
		for a := 0; a < 2048; a++ {
			az := 2 * math.Pi * float64(a) / 2048
			d := Vec3{math.Cos(el) * math.Cos(az), math.Cos(el) * math.Sin(az), math.Sin(el)}
			r := s.cast(ext.Translation, ext.Rotation.Rotate(d))
			r *= 1 + noise*rng.NormFloat64()
			if rng.Float64() < outliers {
				if rng.IntN(2) == 0 {
					r *= 0.3 + 0.4*rng.Float64()
				} else {
					r *= 1.4 + 1.1*rng.Float64()
				}
			}
			pts = append(pts, d.Scale(r))
		}
	}
	return pts
}
