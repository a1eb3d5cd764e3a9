package calib

import (
	"log/slog"

	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/depthnode/depthnode/internal/logging"
)

func newTestAligner(t testing.TB, edit func(*Config)) *Aligner {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Smoothing = 0
	if edit != nil {
		edit(&cfg)
	}
	a, err := NewAligner(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

func relClose(got, want, tol float64) bool { return math.Abs(got-want) <= tol*math.Abs(want) }

// absRel is the mean |m-z|/z over pixels with a metric value, and the share of pixels that have one.
func absRel(metric []float32, z []float64) (float64, float64) {
	var sum float64
	n := 0
	for i, m := range metric {
		if !math.IsNaN(float64(m)) {
			sum += math.Abs(float64(m)-z[i]) / z[i]
			n++
		}
	}
	return sum / float64(max(n, 1)), float64(n) / float64(len(z))
}

func TestAlignRecoversExactScaleShift(t *testing.T) {
	scene := newTestScene()
	ext := sceneExtrinsic(t)
	cameras := []struct {
		model string
		d     []float64
	}{
		{ModelPlumbBob, nil},
		{ModelPlumbBob, []float64{-0.21, 0.05, 0.001, -0.0008, -0.004}},
		{ModelRationalPolynomial, []float64{0.4, -0.1, 0.0005, -0.0003, 0.02, 0.5, -0.05, 0.03}},
		{ModelEquidistant, []float64{0.02, -0.01, 0.003, -0.001}},
	}
	for _, cm := range cameras {
		cam := sceneCameraWith(t, 640, 360, cm.model, cm.d)
		z := trueDepth(scene, cam)
		pts := gridPoints(scene, cam, ext, 12)
		for _, space := range []Space{SpaceDepth, SpaceDisparity} {
			name := fmt.Sprintf("%s_%d/%s", cm.model, len(cm.d), space)
			t.Run(name, func(t *testing.T) {
				rel, truth := relativeFrom(z, space)
				a := newTestAligner(t, func(c *Config) { c.Space = space })
				metric, rep, err := a.Align(Frame{Relative: rel, Width: 640, Height: 360, Camera: cam, Points: pts, LidarToCamera: &ext, Stamp: stampOf(1)})
				if err != nil {
					t.Fatal(err)
				}
				// float32 relative depth limits the exactness to ~1e-7.
				if !relClose(rep.Scale, truth.Scale, 1e-6) || !relClose(rep.Shift, truth.Shift, 1e-6) {
					t.Fatalf("fit s=%.9g t=%.9g, truth s=%.9g t=%.9g", rep.Scale, rep.Shift, truth.Scale, truth.Shift)
				}
				if rep.Inliers < len(pts)*8/10 || rep.Inliers > rep.Points {
					t.Fatalf("%d inliers of %d points (%d offered)", rep.Inliers, rep.Points, len(pts))
				}
				if rep.ResidualRMS > 1e-4 {
					t.Fatalf("residual RMS %g m on exact data", rep.ResidualRMS)
				}
				if ar, cover := absRel(metric, z); ar > 1e-6 || cover < 0.99 {
					t.Fatalf("AbsRel %g over %.1f%% of pixels", ar, 100*cover)
				}
			})
		}
	}
}

func TestAlignNoiseAndOutliers(t *testing.T) {
	scene := newTestScene()
	cam := sceneCamera(t, 640, 360)
	z := trueDepth(scene, cam)
	ext := sceneExtrinsic(t)
	pts := spinPoints(scene, ext, 0.02, 0.3, 11)
	for _, space := range []Space{SpaceDepth, SpaceDisparity} {
		t.Run(space.String(), func(t *testing.T) {
			rel, truth := relativeFrom(z, space)
			a := newTestAligner(t, func(c *Config) { c.Space = space })
			metric, rep, err := a.Align(Frame{Relative: rel, Width: 640, Height: 360, Camera: cam, Points: pts, LidarToCamera: &ext, Stamp: stampOf(1)})
			if err != nil {
				t.Fatal(err)
			}
			ar, cover := absRel(metric, z)
			t.Logf("%d points in view, %d inliers, s=%.5g (true %.5g) t=%.5g (true %.5g), AbsRel %.4f%%, RMS %.3f m",
				rep.Points, rep.Inliers, rep.Scale, truth.Scale, rep.Shift, truth.Shift, 100*ar, rep.ResidualRMS)
			if ar > 0.02 || cover < 0.99 {
				t.Fatalf("AbsRel %.4f over %.1f%% of pixels, want < 2%% over >= 99%%", ar, 100*cover)
			}
			// Without the robust stages a plain least squares is pulled far off.
			var p, g []float64
			for i := 0; i < rep.Points; i++ {
				p, g = append(p, a.p[i]), append(g, a.g[i])
			}
			plain, err := FitScaleShift(p, g, nil)
			if err != nil {
				t.Fatal(err)
			}
			if relClose(plain.Scale, truth.Scale, 0.05) && relClose(plain.Shift, truth.Shift, 0.05) {
				t.Fatalf("plain least squares also lands within 5%% (s=%g t=%g): the outliers do not test robustness", plain.Scale, plain.Shift)
			}
		})
	}
}

func TestAlignGates(t *testing.T) {
	scene := newTestScene()
	cam := sceneCamera(t, 320, 180)
	z := trueDepth(scene, cam)
	rel, _ := relativeFrom(z, SpaceDepth)
	ext := sceneExtrinsic(t)
	grid := gridPoints(scene, cam, IdentityTransform, 8)

	flat := make([]float32, len(rel))
	for i := range flat {
		flat[i] = 0.5
	}
	ramp := make([]float32, len(rel))
	for i := range ramp {
		ramp[i] = float32(i%320) / 320
	}
	wall := make([]Vec3, 0, len(grid))
	for _, p := range grid {
		wall = append(wall, p.Scale(5/p.Z)) // every point at z = 5 m
	}
	rng := rand.New(rand.NewPCG(8, 9))
	random := make([]Vec3, 0, len(grid))
	for _, p := range grid {
		random = append(random, p.Scale(math.Exp(rng.Float64()*4-2))) // 0.14x..7x the true depth
	}

	cases := []struct {
		name   string
		rel    []float32
		pts    []Vec3
		edit   func(*Config)
		want   error
		reason string
	}{
		{"too_few_points", rel, grid[:10], nil, ErrTooFewPoints, "10 points, need 20"},
		{"min_points_param", rel, grid[:100], func(c *Config) { c.MinPoints = 200 }, ErrTooFewPoints, "need 200"},
		{"all_beyond_max_range", rel, grid, func(c *Config) { c.MaxRange = 3 }, ErrTooFewPoints, ""},
		{"all_within_min_range", rel, grid, func(c *Config) { c.MinRange, c.MaxRange = 40, 50 }, ErrTooFewPoints, ""},
		{"one_relative_depth", flat, grid, nil, ErrDegenerate, "one relative depth"},
		{"one_range", ramp, wall, func(c *Config) { c.EdgeThreshold = 0 }, ErrDegenerate, "one range"},
		{"no_consensus", rel, random, nil, ErrTooFewInliers, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := newTestAligner(t, tc.edit)
			metric, rep, err := a.Align(Frame{Relative: tc.rel, Width: 320, Height: 180, Camera: cam, Points: tc.pts, Stamp: stampOf(1)})
			if !errors.Is(err, ErrStale) || !errors.Is(err, tc.want) || !errors.Is(rep.FitErr, tc.want) {
				t.Fatalf("err = %v, FitErr = %v, want ErrStale wrapping %v", err, rep.FitErr, tc.want)
			}
			if !strings.Contains(err.Error(), tc.reason) {
				t.Fatalf("err %q does not say %q", err, tc.reason)
			}
			if metric != nil {
				t.Fatalf("a refused frame returned metric depth")
			}
			if got := a.Stats().Refused[tc.want.Error()]; got != 1 {
				t.Fatalf("Stats.Refused[%q] = %d, want 1", tc.want.Error(), got)
			}
		})
	}

	t.Run("range_gate_counts", func(t *testing.T) {
		a := newTestAligner(t, func(c *Config) { c.MinRange, c.MaxRange, c.EdgeThreshold = 6, 12, 0 })
		_, rep, _ := a.Align(Frame{Relative: rel, Width: 320, Height: 180, Camera: cam, Points: grid, Stamp: stampOf(1)})
		want := 0
		for _, p := range grid {
			if p.Z >= 6 && p.Z <= 12 {
				want++
			}
		}
		if rep.Points != want || want == 0 {
			t.Fatalf("%d points passed the range gate, %d are within [6,12] m", rep.Points, want)
		}
	})

	t.Run("bad_frames", func(t *testing.T) {
		small := sceneCamera(t, 160, 90)
		for _, f := range []struct {
			fr   Frame
			want error
		}{
			{Frame{Relative: rel[:100], Width: 320, Height: 180, Camera: cam, Points: grid}, ErrFrame},
			{Frame{Relative: rel, Width: 320, Height: 180, Points: grid}, ErrFrame},
			{Frame{Relative: nil, Width: 0, Height: 0, Camera: cam, Points: grid}, ErrFrame},
			{Frame{Relative: rel, Width: 320, Height: 180, Camera: small, Points: grid}, ErrCameraSize},
		} {
			a := newTestAligner(t, nil)
			if _, _, err := a.Align(f.fr); !errors.Is(err, f.want) {
				t.Fatalf("err = %v, want %v", err, f.want)
			}
		}
	})
	_ = ext
}

func TestAlignStaleness(t *testing.T) {
	scene := newTestScene()
	cam := sceneCamera(t, 320, 180)
	z := trueDepth(scene, cam)
	rel, _ := relativeFrom(z, SpaceDepth)
	grid := gridPoints(scene, cam, IdentityTransform, 8)
	a := newTestAligner(t, func(c *Config) { c.MaxAge = 500 * time.Millisecond })
	frame := func(sec float64, pts []Vec3) Frame {
		return Frame{Relative: rel, Width: 320, Height: 180, Camera: cam, Points: pts, Stamp: stampOf(sec)}
	}
	steps := []struct {
		sec       float64
		pts       []Vec3
		published bool
		fresh     bool
		age       time.Duration
	}{
		{10.0, grid, true, true, 0},
		{10.2, nil, true, false, 200 * time.Millisecond},
		{10.5, nil, true, false, 500 * time.Millisecond},
		{10.6, nil, false, false, 0},
		{10.7, nil, false, false, 0},
		{10.8, grid, true, true, 0},
		{5.0, grid, true, true, 0}, // a bag replayed from the start
	}
	for i, st := range steps {
		metric, rep, err := a.Align(frame(st.sec, st.pts))
		if st.published != (err == nil) || st.published != (metric != nil) {
			t.Fatalf("step %d (t=%g): err = %v, published = %v, want %v", i, st.sec, err, metric != nil, st.published)
		}
		if !st.published {
			if !errors.Is(err, ErrStale) || !errors.Is(err, ErrTooFewPoints) {
				t.Fatalf("step %d: err = %v, want ErrStale wrapping ErrTooFewPoints", i, err)
			}
			continue
		}
		if rep.Fresh != st.fresh || rep.Age != st.age {
			t.Fatalf("step %d (t=%g): fresh=%v age=%v, want fresh=%v age=%v", i, st.sec, rep.Fresh, rep.Age, st.fresh, st.age)
		}
	}
	s := a.Stats()
	if s.Frames != 7 || s.Published != 5 || s.Fresh != 3 || s.Refused[ErrTooFewPoints.Error()] != 4 {
		t.Fatalf("stats %+v", s)
	}
	a.Reset()
	if _, _, err := a.Align(frame(5.1, nil)); !errors.Is(err, ErrStale) {
		t.Fatalf("after Reset a frame without points got %v, want ErrStale", err)
	}
}

func TestAlignReusesBuffers(t *testing.T) {
	scene := newTestScene()
	cam := sceneCamera(t, 160, 90)
	rel, _ := relativeFrom(trueDepth(scene, cam), SpaceDepth)
	grid := gridPoints(scene, cam, IdentityTransform, 6)
	a := newTestAligner(t, nil)
	m1, _, err := a.Align(Frame{Relative: rel, Width: 160, Height: 90, Camera: cam, Points: grid, Stamp: stampOf(1)})
	if err != nil {
		t.Fatal(err)
	}
	m2, _, err := a.Align(Frame{Relative: rel, Width: 160, Height: 90, Camera: cam, Points: grid, Stamp: stampOf(1.1)})
	if err != nil {
		t.Fatal(err)
	}
	if &m1[0] != &m2[0] {
		t.Fatal("the metric image was reallocated for a frame of the same size")
	}
	if allocs := testing.AllocsPerRun(5, func() {
		a.Align(Frame{Relative: rel, Width: 160, Height: 90, Camera: cam, Points: grid, Stamp: stampOf(1.2)})
	}); allocs > 0 {
		t.Fatalf("%g allocations per steady-state frame", allocs)
	}
	a.Close()
	if _, _, err := a.Align(Frame{Relative: rel, Width: 160, Height: 90, Camera: cam, Points: grid}); !errors.Is(err, ErrClosed) {
		t.Fatalf("after Close: %v", err)
	}
}

func TestAlignMetricInvalidPixels(t *testing.T) {
	// Disparity fit where the far end of the relative range maps past
	// infinity: those pixels (and NaN input, and depth beyond MaxRange) are NaN.
	rel := []float32{0, 0.5, 0.99, 1, float32(math.NaN()), 0.9}
	got := fillMetric(nil, rel, ScaleShift{Scale: -1, Shift: 1}, SpaceDisparity, 50) // 1/z = 1 - rel
	want := []float64{1, 2, 100, math.NaN(), math.NaN(), 10}
	for i := range want {
		w := want[i]
		if w > 50 {
			w = math.NaN()
		}
		g := float64(got[i])
		if math.IsNaN(w) != math.IsNaN(g) || (!math.IsNaN(w) && math.Abs(g-w) > 1e-5*w) {
			t.Fatalf("rel %g: metric %g, want %g", rel[i], g, w)
		}
	}
}

// recordLogger keeps log lines.
type recordLogger struct{ lines []string }

func (r *recordLogger) Printf(format string, args ...any) {
	r.lines = append(r.lines, fmt.Sprintf(format, args...))
}

func TestAlignRefusalLogIsRateLimited(t *testing.T) {
	log := &recordLogger{}
	a := newTestAligner(t, func(c *Config) { c.Logger = slog.New(logging.Lines(log.Printf)) })
	now := time.Unix(1000, 0)
	a.log.Now = func() time.Time { return now }
	cam := sceneCamera(t, 32, 18)
	rel := make([]float32, 32*18)
	for i := 0; i < 50; i++ {
		a.Align(Frame{Relative: rel, Width: 32, Height: 18, Camera: cam, Stamp: stampOf(float64(i))})
	}
	if len(log.lines) != 1 || !strings.Contains(log.lines[0], "too few LiDAR points") {
		t.Fatalf("lines after 50 refusals: %q", log.lines)
	}
	now = now.Add(6 * time.Second)
	a.Align(Frame{Relative: rel, Width: 32, Height: 18, Camera: cam, Stamp: stampOf(60)})
	if len(log.lines) != 2 || !strings.Contains(log.lines[1], "49 similar lines suppressed") {
		t.Fatalf("lines after the interval: %q", log.lines)
	}
}
