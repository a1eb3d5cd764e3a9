package calib

import (
	"errors"
	"testing"
)

// TestAlignRefusesWrongScaleSign: relative depth runs 0 = near, so a fit in
// which metric depth falls as relative depth grows (seen on a robot: depth =
// -0.14*rel + 6.835) describes an inverted image and must not be published.
func TestAlignRefusesWrongScaleSign(t *testing.T) {
	scene := newTestScene()
	cam := sceneCamera(t, 320, 180)
	z := trueDepth(scene, cam)
	ext := sceneExtrinsic(t)
	pts := gridPoints(scene, cam, ext, 8)
	for _, space := range []Space{SpaceDepth, SpaceDisparity} {
		for _, inverted := range []bool{false, true} {
			name := space.String() + map[bool]string{false: "/upright", true: "/inverted"}[inverted]
			t.Run(name, func(t *testing.T) {
				rel, _ := relativeFrom(z, space)
				if inverted { // 0 = far: the map that fits has the wrong sign
					for i := range rel {
						rel[i] = 1 - rel[i]
					}
				}
				a := newTestAligner(t, func(c *Config) { c.Space = space })
				_, rep, err := a.Align(Frame{Relative: rel, Width: 320, Height: 180, Camera: cam, Points: pts, LidarToCamera: &ext, Stamp: stampOf(1)})
				if !inverted {
					if err != nil {
						t.Fatal(err)
					}
					return
				}
				if !errors.Is(err, ErrStale) || !errors.Is(rep.FitErr, ErrScaleSign) {
					t.Fatalf("err = %v, fit error %v: want ErrStale wrapping ErrScaleSign", err, rep.FitErr)
				}
				if n := a.Stats().Refused[ErrScaleSign.Error()]; n != 1 {
					t.Fatalf("refusals by reason %v: want one %q", a.Stats().Refused, ErrScaleSign)
				}
			})
		}
	}
}

// TestRobustFitScaleSign: the sign requirement is opt-in for RobustFit, and
// a zero scale (metric independent of relative depth) fails either way.
func TestRobustFitScaleSign(t *testing.T) {
	p := make([]float64, 100)
	for i := range p {
		p[i] = float64(i) / 100
	}
	line := func(s, t float64) []float64 {
		g := make([]float64, len(p))
		for i := range g {
			g[i] = s*p[i] + t
		}
		return g
	}
	cases := []struct {
		name string
		s, t float64
		sign int
		want error
	}{
		{"positive_any", 2, 1, 0, nil},
		{"negative_any", -0.14, 6.835, 0, nil},
		{"positive_wanted", 2, 1, 1, nil},
		{"negative_refused", -0.14, 6.835, 1, ErrScaleSign},
		{"negative_wanted", -0.5, 1, -1, nil},
		{"positive_refused", 2, 1, -1, ErrScaleSign},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := RobustFit(p, line(tc.s, tc.t), RobustFitConfig{ScaleSign: tc.sign})
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
}
