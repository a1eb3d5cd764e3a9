package synth

import (
	"bytes"
	"testing"
)

// TestAccelerationIsExact renders generated scenes with the acceleration
// structures (tile culling for camera rays, BVH for shadow rays) and
// without them (every ray tests every object): the images must be equal,
// which shows the culling never drops a surface.
func TestAccelerationIsExact(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Width, cfg.Height, cfg.FramesPerScene, cfg.Lidar.Beams = 200, 150, 1, 0
	g, err := NewGenerator(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []int{0, 1, 2, 3, 4, 5, 6, 7} {
		prepared := g.Scene(k)
		plain := &Scene{Objects: prepared.Objects, Light: prepared.Light, Ambient: prepared.Ambient,
			SkyHorizon: prepared.SkyHorizon, SkyZenith: prepared.SkyZenith, Indoor: prepared.Indoor, Path: prepared.Path}
		pose := prepared.Path.Pose(float64(37 * k))
		a, b := NewImage(g.Intrinsics()), NewImage(g.Intrinsics())
		Render(prepared, pose, a, 2)
		Render(plain, pose, b, 2)
		if !bytes.Equal(frameBytes(&Frame{Image: a}), frameBytes(&Frame{Image: b})) {
			diff := 0
			for i := range a.RGB {
				if a.RGB[i] != b.RGB[i] {
					diff++
				}
			}
			t.Errorf("scene %d: accelerated render differs (%d RGB bytes)", k, diff)
		}
	}
}

// TestTileCandidatesFrustum checks the frustum test on hand-placed boxes:
// one straight ahead is a candidate of the centre tile only, one behind the
// camera of none.
func TestTileCandidatesFrustum(t *testing.T) {
	s := &Scene{Objects: []Object{
		{NewBox(Vec3{5, 0, 1}, Vec3{0.1, 0.1, 0.1}, 0), Solid{}}, // ahead, on the optical axis
		{NewBox(Vec3{-5, 0, 1}, Vec3{1, 1, 1}, 0), Solid{}},      // behind
	}}
	s.Prepare()
	in := Intrinsics{Width: 64, Height: 64, Fx: 50, Fy: 50, Cx: 31.5, Cy: 31.5}
	pose := Pose{R: opticalRotation(0, 0), T: Vec3{0, 0, 1}}
	cases := []struct {
		name           string
		u0, v0, u1, v1 int
		want           []int
	}{
		{"centre tile", 16, 16, 47, 47, []int{0}},
		{"top-left tile", 0, 0, 15, 15, nil},
		{"bottom-right tile", 48, 48, 63, 63, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := tileCandidates(nil, s, in, pose, c.u0, c.v0, c.u1, c.v1)
			if len(got) != len(c.want) || (len(got) > 0 && got[0] != c.want[0]) {
				t.Errorf("candidates %v, want %v", got, c.want)
			}
		})
	}
}
