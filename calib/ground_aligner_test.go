package calib

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

func newTestGroundAligner(t testing.TB, edit func(*GroundConfig)) *GroundAligner {
	t.Helper()
	cfg := DefaultGroundConfig()
	cfg.Smoothing = 0
	if edit != nil {
		edit(&cfg)
	}
	a, err := NewGroundAligner(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

// truthFor is the (s, t) the scenes are rendered with in each space: metric
// grows with relative depth (s > 0 in depth, s < 0 in disparity).
func truthFor(space Space) ScaleShift {
	if space == SpaceDisparity {
		return ScaleShift{Scale: -0.9, Shift: 1.1}
	}
	return ScaleShift{Scale: 7.5, Shift: 0.4}
}

// TestGroundAlignRecoversScaleShift: exact floors at several heights,
// pitches and rolls give s and t to 1e-6; table tops covering 30% of the
// floor (floor-like normals, wrong depth) do not move the fit.
func TestGroundAlignRecoversScaleShift(t *testing.T) {
	cam := sceneCamera(t, 320, 240)
	cases := []struct {
		h, pitch, roll float64
		space          Space
	}{
		{1.2, 20, 0, SpaceDepth},
		{0.3, 10, 0, SpaceDepth},
		{2.5, 45, 5, SpaceDepth},
		{1.0, 65, -15, SpaceDepth},
		{1.5, 30, 10, SpaceDisparity},
		{0.5, 60, 0, SpaceDisparity},
	}
	for _, c := range cases {
		for _, table := range []bool{false, true} {
			name := fmt.Sprintf("%s/h%g_p%g_r%g/table_%v", c.space, c.h, c.pitch, c.roll, table)
			t.Run(name, func(t *testing.T) {
				sc := floorScene{floor: mustFloor(t, c.h, c.pitch, c.roll), wallDist: 6}
				if table {
					sc.tableHeight, sc.tableCols = 0.4*c.h, 0.3
				}
				truth := truthFor(c.space)
				rel, nrm, z, _ := sc.render(cam, c.space, truth)
				a := newTestGroundAligner(t, func(g *GroundConfig) { g.Space = c.space })
				metric, rep, err := a.Align(GroundFrame{Relative: rel, Normals: nrm, Width: 320, Height: 240, Camera: cam, Floor: sc.floor, Stamp: stampOf(1)})
				if err != nil {
					t.Fatal(err)
				}
				if !relClose(rep.Scale, truth.Scale, 1e-6) || !relClose(rep.Shift, truth.Shift, 1e-6) {
					t.Fatalf("fit s=%.9g t=%.9g, truth s=%.9g t=%.9g (%d floor pixels, %d inliers)", rep.Scale, rep.Shift, truth.Scale, truth.Shift, rep.Points, rep.Inliers)
				}
				out := rep.Points - rep.Inliers
				if table && float64(out) < 0.25*float64(rep.Points) {
					t.Fatalf("only %d of %d floor-like pixels are on the table: the case does not test robustness", out, rep.Points)
				}
				if rep.ResidualRMS > 1e-4 || rep.UpEstimated {
					t.Fatalf("residual %g m, up estimated %v", rep.ResidualRMS, rep.UpEstimated)
				}
				if ar, cover := absRel(metric, z); ar > 1e-5 || cover < 0.99 {
					t.Fatalf("AbsRel %g over %.1f%% of pixels", ar, 100*cover)
				}
			})
		}
	}
}

// TestGroundAlignEstimatedUp: with only the height, up comes from the
// normals and the fit still holds.
func TestGroundAlignEstimatedUp(t *testing.T) {
	cam := sceneCamera(t, 320, 240)
	for _, pitch := range []float64{0, 15, 35} {
		t.Run(fmt.Sprint(pitch), func(t *testing.T) {
			sc := floorScene{floor: mustFloor(t, 1.1, pitch, 4), wallDist: 5, tableHeight: 0.7, tableCols: 0.3}
			truth := truthFor(SpaceDepth)
			rel, nrm, _, _ := sc.render(cam, SpaceDepth, truth)
			a := newTestGroundAligner(t, nil)
			_, rep, err := a.Align(GroundFrame{Relative: rel, Normals: nrm, Width: 320, Height: 240, Camera: cam, Floor: Floor{Height: 1.1}, Stamp: stampOf(1)})
			if err != nil {
				t.Fatal(err)
			}
			if !rep.UpEstimated || angleDeg(rep.Floor.Up, sc.floor.Up) > 1e-4 {
				t.Fatalf("up %v (estimated %v), truth %v", rep.Floor.Up, rep.UpEstimated, sc.floor.Up)
			}
			if !relClose(rep.Scale, truth.Scale, 1e-5) || !relClose(rep.Shift, truth.Shift, 1e-5) {
				t.Fatalf("fit %+v, truth %+v", rep.ScaleShift, truth)
			}
		})
	}
}

// TestEstimateUp: clean normals give up to a small fraction of a degree,
// noisy ones (5 degrees each) to a few tenths; a prior too far off fails.
func TestEstimateUp(t *testing.T) {
	cam := sceneCamera(t, 640, 480)
	cases := []struct {
		name        string
		pitch, roll float64
		prior       Floor
		noiseDeg    float64
		tolDeg      float64
		wantErr     error
	}{
		{"level_prior_pitch20", 20, 3, Floor{}, 0, 0.01, nil},
		{"level_prior_pitch35_roll10", 35, 10, Floor{}, 0, 0.01, nil},
		{"noisy_5deg", 25, -5, Floor{}, 5, 0.3, nil},
		{"steep_with_prior", 70, 0, mustFloor(t, 1, 50, 0), 0, 0.01, nil},
		{"steep_level_prior_fails", 80, 0, Floor{}, 0, 0, ErrNoFloor},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sc := floorScene{floor: mustFloor(t, 1.2, tc.pitch, tc.roll), wallDist: 4, tableHeight: 0.75, tableCols: 0.3}
			_, nrm, _, _ := sc.render(cam, SpaceDepth, truthFor(SpaceDepth))
			if tc.noiseDeg > 0 {
				perturbNormals(nrm, deg(tc.noiseDeg), 3)
			}
			up, n, err := EstimateUp(nrm, 640, 480, UpEstimateConfig{Prior: tc.prior.Up})
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if e := angleDeg(up, sc.floor.Up); e > tc.tolDeg {
				t.Fatalf("up %v is %.4f degrees off %v (%d normals used)", up, e, sc.floor.Up, n)
			}
		})
	}
	if _, _, err := EstimateUp(make([]float32, 5), 2, 2, UpEstimateConfig{}); !errors.Is(err, ErrFrame) {
		t.Fatalf("short normals: err = %v", err)
	}
}

// TestGroundAlignRefusesWithoutFloor: a camera tilted up at a wall sees no
// pixel below the horizon; a level camera facing a close wall sees no floor
// normals. Both are refused with their reason and counted; an earlier fit is
// kept for MaxAge, then the output stops.
func TestGroundAlignRefusesWithoutFloor(t *testing.T) {
	cam := sceneCamera(t, 320, 240)
	good := floorScene{floor: mustFloor(t, 1.2, 25, 0), wallDist: 6}
	cases := []struct {
		name string
		sc   floorScene
		want error
	}{
		{"tilted_up_at_wall", floorScene{floor: mustFloor(t, 1.2, -40, 0), wallDist: 3}, ErrAboveHorizon},
		{"facing_close_wall", floorScene{floor: mustFloor(t, 1.2, 0, 0), wallDist: 1}, ErrNoFloor},
		{"facing_close_wall_up_unknown", floorScene{floor: mustFloor(t, 1.2, 0, 0), wallDist: 1}, ErrNoFloor},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := newTestGroundAligner(t, nil)
			frame := func(sc floorScene, sec float64) GroundFrame {
				rel, nrm, _, _ := sc.render(cam, SpaceDepth, truthFor(SpaceDepth))
				fl := sc.floor
				if tc.name == "facing_close_wall_up_unknown" {
					fl.Up = Vec3{}
				}
				return GroundFrame{Relative: rel, Normals: nrm, Width: 320, Height: 240, Camera: cam, Floor: fl, Stamp: stampOf(sec)}
			}
			_, rep, err := a.Align(frame(tc.sc, 1))
			if !errors.Is(err, ErrStale) || !errors.Is(err, tc.want) || !errors.Is(rep.FitErr, tc.want) {
				t.Fatalf("err = %v (fit error %v), want ErrStale wrapping %v", err, rep.FitErr, tc.want)
			}
			if a.Stats().Refused[tc.want.Error()] != 1 {
				t.Fatalf("refusals %v", a.Stats().Refused)
			}
			if _, _, err := a.Align(frame(good, 2)); err != nil {
				t.Fatal(err)
			}
			m, rep, err := a.Align(frame(tc.sc, 2.5))
			if err != nil || rep.Fresh || !errors.Is(rep.FitErr, tc.want) || rep.Age != 500*time.Millisecond || len(m) != 320*240 {
				t.Fatalf("within MaxAge: err %v, report %+v", err, rep)
			}
			if _, _, err := a.Align(frame(tc.sc, 3.1)); !errors.Is(err, ErrStale) {
				t.Fatalf("after MaxAge: err = %v, want ErrStale", err)
			}
		})
	}
}

func TestGroundAlignBadInput(t *testing.T) {
	cam := sceneCamera(t, 32, 24)
	rel, nrm := make([]float32, 32*24), make([]float32, 3*32*24)
	fl := Floor{Up: Vec3{0, -1, 0}, Height: 1}
	a := newTestGroundAligner(t, nil)
	cases := []struct {
		name string
		f    GroundFrame
		want error
	}{
		{"no_normals", GroundFrame{Relative: rel, Width: 32, Height: 24, Camera: cam, Floor: fl}, ErrFrame},
		{"no_camera", GroundFrame{Relative: rel, Normals: nrm, Width: 32, Height: 24, Floor: fl}, ErrFrame},
		{"camera_size", GroundFrame{Relative: rel[:16*12], Normals: nrm[:3*16*12], Width: 16, Height: 12, Camera: cam, Floor: fl}, ErrCameraSize},
		{"no_height", GroundFrame{Relative: rel, Normals: nrm, Width: 32, Height: 24, Camera: cam, Floor: Floor{Up: fl.Up}}, ErrFloorPlane},
		{"nan_up", GroundFrame{Relative: rel, Normals: nrm, Width: 32, Height: 24, Camera: cam, Floor: Floor{Up: Vec3{math.NaN(), 0, 0}, Height: 1}}, ErrFloorPlane},
	}
	for _, tc := range cases {
		if _, _, err := a.Align(tc.f); !errors.Is(err, tc.want) || errors.Is(err, ErrStale) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
		}
	}
	a.Close()
	if _, _, err := a.Align(cases[0].f); !errors.Is(err, ErrClosed) {
		t.Fatalf("after Close: %v", err)
	}
}

func TestGroundConfigValidate(t *testing.T) {
	cases := map[string]struct {
		edit func(*GroundConfig)
		key  string
	}{
		"tolerance":  {func(c *GroundConfig) { c.ToleranceDeg = 0 }, "ground_normal_tolerance"},
		"tolerance2": {func(c *GroundConfig) { c.ToleranceDeg = math.NaN() }, "ground_normal_tolerance"},
		"depression": {func(c *GroundConfig) { c.MinDepressionDeg = 95 }, "ground_min_depression"},
		"pixels":     {func(c *GroundConfig) { c.MinPixels = 1 }, "ground_min_pixels"},
		"samples":    {func(c *GroundConfig) { c.MaxSamples = 10 }, "ground_max_samples"},
		"space":      {func(c *GroundConfig) { c.Space = 7 }, "align_space"},
		"max_age":    {func(c *GroundConfig) { c.MaxAge = 0 }, "align_max_age"},
		"range":      {func(c *GroundConfig) { c.MaxRange = 0 }, "align_max_range"},
	}
	for name, tc := range cases {
		cfg := DefaultGroundConfig()
		tc.edit(&cfg)
		if _, err := NewGroundAligner(cfg); !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), tc.key) {
			t.Errorf("%s: err = %v, want ErrConfig naming %s", name, err, tc.key)
		}
	}
	if err := DefaultGroundConfig().Validate(); err != nil {
		t.Fatal(err)
	}
}

// TestGroundAlignRefusesNarrowFloorSpan: looking steeply down (pitch 80
// degrees) the floor is at about one depth, so it cannot fix the scale; with
// 30% of the floor-like pixels on a table RANSAC could settle on a flat,
// wrong line. Such fits are refused as degenerate, naming the span, while
// the same floor seen at 65 degrees still fits exactly.
func TestGroundAlignRefusesNarrowFloorSpan(t *testing.T) {
	cam := sceneCamera(t, 320, 240)
	for _, tc := range []struct {
		pitch   float64
		table   bool
		refused bool
	}{
		{80, true, true},
		{80, false, true},
		{65, true, false},
	} {
		t.Run(fmt.Sprintf("pitch%g_table_%v", tc.pitch, tc.table), func(t *testing.T) {
			sc := floorScene{floor: mustFloor(t, 1.2, tc.pitch, 0), wallDist: 6}
			if tc.table {
				sc.tableHeight, sc.tableCols = 0.4, 0.3
			}
			truth := truthFor(SpaceDepth)
			rel, nrm, _, _ := sc.render(cam, SpaceDepth, truth)
			a := newTestGroundAligner(t, nil)
			_, rep, err := a.Align(GroundFrame{Relative: rel, Normals: nrm, Width: 320, Height: 240, Camera: cam, Floor: sc.floor, Stamp: stampOf(1)})
			if !tc.refused {
				if err != nil || !relClose(rep.Scale, truth.Scale, 1e-6) {
					t.Fatalf("err %v, fit %+v, truth %+v", err, rep.ScaleShift, truth)
				}
				return
			}
			if !errors.Is(err, ErrStale) || !errors.Is(rep.FitErr, ErrDegenerate) || !strings.Contains(rep.FitErr.Error(), "span") {
				t.Fatalf("err = %v (fit error %v), want a degenerate-span refusal", err, rep.FitErr)
			}
			if a.Stats().Refused[ErrDegenerate.Error()] != 1 {
				t.Fatalf("refusals %v", a.Stats().Refused)
			}
		})
	}
}
