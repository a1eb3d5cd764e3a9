package calib

import (
	"errors"
	"math"
	"math/rand/v2"
	"sort"
	"testing"
)

// cramer solves the brief's raw 2x2 normal equations directly (the
// independent answer to the centred solution FitScaleShift uses).
func cramer(p, g, w []float64) (float64, float64) {
	var a00, a01, a11, b0, b1 float64
	for i := range p {
		a00 += w[i] * p[i] * p[i]
		a01 += w[i] * p[i]
		a11 += w[i]
		b0 += w[i] * p[i] * g[i]
		b1 += w[i] * g[i]
	}
	det := a00*a11 - a01*a01
	return (a11*b0 - a01*b1) / det, (a00*b1 - a01*b0) / det
}

func TestFitScaleShift(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	n := 500
	p, g, w := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range p {
		p[i] = rng.Float64()
		g[i] = 3.5*p[i] + 0.7 + 0.05*rng.NormFloat64()
		w[i] = 0.1 + rng.Float64()
	}
	t.Run("weighted_matches_normal_equations", func(t *testing.T) {
		m, err := FitScaleShift(p, g, w)
		if err != nil {
			t.Fatal(err)
		}
		s, sh := cramer(p, g, w)
		if !relClose(m.Scale, s, 1e-10) || !relClose(m.Shift, sh, 1e-10) {
			t.Fatalf("fit %+v, normal equations s=%g t=%g", m, s, sh)
		}
	})
	t.Run("exact_line", func(t *testing.T) {
		q := make([]float64, n)
		for i := range p {
			q[i] = -2*p[i] + 9
		}
		m, err := FitScaleShift(p, q, nil)
		if err != nil || !relClose(m.Scale, -2, 1e-12) || !relClose(m.Shift, 9, 1e-12) {
			t.Fatalf("fit %+v, %v; want s=-2 t=9", m, err)
		}
	})
	t.Run("refusals", func(t *testing.T) {
		same := []float64{0.3, 0.3, 0.3}
		for name, args := range map[string][3][]float64{
			"one_p":                 {same, []float64{1, 2, 3}, nil},
			"zero_weights":          {p[:3], g[:3], []float64{0, 0, 0}},
			"length":                {p[:3], g[:2], nil},
			"weights_only_on_one_p": {[]float64{0.1, 0.5, 0.9}, []float64{1, 2, 3}, []float64{0, 1, 0}},
		} {
			if _, err := FitScaleShift(args[0], args[1], args[2]); !errors.Is(err, ErrDegenerate) {
				t.Fatalf("%s: err = %v, want ErrDegenerate", name, err)
			}
		}
	})
}

func TestRobustFit(t *testing.T) {
	truth := ScaleShift{Scale: 24, Shift: 1.5}
	cases := []struct {
		name            string
		truth           ScaleShift
		noise, outliers float64
		structured      bool // outliers on one consistent wrong line
		tol             float64
	}{
		{"exact", truth, 0, 0, false, 1e-9},
		{"exact_negative_scale", ScaleShift{Scale: -0.8, Shift: 1.0}, 0, 0, false, 1e-9},
		{"noise_2pct", truth, 0.02, 0, false, 0.01},
		{"noise_and_30pct_gross", truth, 0.02, 0.3, false, 0.01},
		{"exact_and_40pct_gross", truth, 0, 0.4, false, 1e-9},
		{"30pct_on_a_second_surface", truth, 0.02, 0.3, true, 0.01},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(31, 32))
			n := 3000
			p, g := make([]float64, n), make([]float64, n)
			out := 0
			for i := range p {
				p[i] = 0.05 + 0.9*rng.Float64()
				g[i] = tc.truth.Apply(p[i]) * (1 + tc.noise*rng.NormFloat64())
				if rng.Float64() < tc.outliers {
					out++
					if tc.structured {
						g[i] = 1.8 * tc.truth.Apply(p[i])
					} else {
						g[i] *= math.Exp(rng.Float64()*3 - 1.5)
					}
				}
			}
			res, err := RobustFit(p, g, RobustFitConfig{Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			// Judge by the metric value across the range, not s and t apart.
			for _, q := range []float64{0.05, 0.5, 0.95} {
				if !relClose(res.Apply(q), tc.truth.Apply(q), tc.tol) {
					t.Fatalf("at p=%g fit gives %g, truth %g (fit %+v)", q, res.Apply(q), tc.truth.Apply(q), res.ScaleShift)
				}
			}
			if res.Inliers < (n-out)*9/10 || res.Inliers > n-out+n/50 {
				t.Fatalf("%d inliers, %d points are not outliers", res.Inliers, n-out)
			}
			again, _ := RobustFit(p, g, RobustFitConfig{Seed: 1})
			if again != res {
				t.Fatalf("same input, different fit: %+v then %+v", res, again)
			}
		})
	}
}

func TestRobustFitRefusesBadTargets(t *testing.T) {
	p := []float64{0.1, 0.2, 0.3, 0.4, 0.5}
	for name, g := range map[string][]float64{
		"zero":     {1, 2, 0, 4, 5},
		"negative": {1, 2, -3, 4, 5},
		"nan":      {1, 2, math.NaN(), 4, 5},
		"inf":      {1, 2, math.Inf(1), 4, 5},
	} {
		if _, err := RobustFit(p, g, RobustFitConfig{MinPoints: 2}); !errors.Is(err, ErrDegenerate) {
			t.Fatalf("%s: err = %v, want ErrDegenerate", name, err)
		}
	}
}

func TestMedian(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	for _, n := range []int{1, 2, 3, 10, 101, 1000} {
		for _, kind := range []string{"random", "sorted", "reversed", "constant", "few_values"} {
			x := make([]float64, n)
			for i := range x {
				switch kind {
				case "random":
					x[i] = rng.NormFloat64()
				case "sorted":
					x[i] = float64(i)
				case "reversed":
					x[i] = float64(n - i)
				case "constant":
					x[i] = 7
				case "few_values":
					x[i] = float64(rng.IntN(3))
				}
			}
			s := append([]float64(nil), x...)
			sort.Float64s(s)
			if got := median(x); got != s[n/2] {
				t.Fatalf("%s n=%d: median %g, sorted says %g", kind, n, got, s[n/2])
			}
		}
	}
}
