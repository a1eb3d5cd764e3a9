package calib

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// RobustFitConfig tunes RobustFit. Zero fields take the defaults shown.
type RobustFitConfig struct {
	// MinPoints is the fewest points worth fitting (default 20).
	MinPoints int
	// InlierThreshold is the relative residual |s p + t - g|/g under which a
	// point supports a RANSAC hypothesis (default 0.1).
	InlierThreshold float64
	// MinInlierFraction is the share of points the final fit must explain
	// (default 0.3): fewer means the scene disagrees with the model.
	MinInlierFraction float64
	// Iterations is the number of RANSAC pair hypotheses (default 128).
	Iterations int
	// Seed makes the RANSAC sampling reproducible.
	Seed uint64
	// ScaleSign, when +1 or -1, is the sign the fitted scale must have; a
	// final fit with the other sign, or a zero scale, is refused with
	// ErrScaleSign. 0 accepts any scale. Space.scaleSign gives the sign the
	// aligners need.
	ScaleSign int
}

func (c RobustFitConfig) withDefaults() RobustFitConfig {
	if c.MinPoints == 0 {
		c.MinPoints = 20
	}
	if c.InlierThreshold == 0 {
		c.InlierThreshold = 0.1
	}
	if c.MinInlierFraction == 0 {
		c.MinInlierFraction = 0.3
	}
	if c.Iterations == 0 {
		c.Iterations = 128
	}
	return c
}

// FitResult is the outcome of RobustFit.
type FitResult struct {
	ScaleShift
	// Points is how many points were offered, Inliers how many the fit kept.
	Points, Inliers int
	// RelativeRMS is the RMS of (s p + t - g)/g over the inliers.
	RelativeRMS float64
	// PLow and PHigh bound the relative depth of the inliers: the span over
	// which the fit is supported by data.
	PLow, PHigh float64
}

// Degeneracy limits: below these spreads scale and shift are not pinned down.
const (
	minRelativeSpread = 1e-3 // standard deviation of relative depth, in [0,1] units
	minTargetSpread   = 1e-3 // standard deviation of the target over its mean
	ransacSubset      = 1024 // RANSAC scores hypotheses on at most this many points
	scaleSubset       = 4096 // the residual spread is a median over at most this many points
	irlsIterations    = 6
	tukeyC            = 4.685
)

// RobustFit fits g ≈ s*p + t with relative residuals, robust to a large share
// of gross outliers: RANSAC on pairs (seeded, so reproducible) finds the
// consensus, then iteratively reweighted least squares with Tukey's biweight
// refines it, and a final weighted least squares on the inliers (weights
// 1/g², so every point counts by its relative error) gives the answer.
// g must be positive (metric depth or inverse depth). It refuses with
// ErrTooFewPoints, ErrDegenerate or ErrTooFewInliers.
func RobustFit(p, g []float64, cfg RobustFitConfig) (FitResult, error) {
	for i := range min(len(p), len(g)) {
		if !(g[i] > 0 && g[i] <= math.MaxFloat64) || math.IsNaN(p[i]) || math.IsInf(p[i], 0) {
			return FitResult{Points: len(p)}, fmt.Errorf("%w: point %d has relative depth %g and target %g; targets must be positive, both finite", ErrDegenerate, i, p[i], g[i])
		}
	}
	var f robustFitter
	return f.fit(p, g, cfg.withDefaults())
}

// robustFitter keeps scratch buffers between fits.
type robustFitter struct {
	w, absr []float64
	sub     []int
	pcg     rand.PCG
	rng     *rand.Rand // draws from pcg, reseeded per fit
}

func (f *robustFitter) fit(p, g []float64, cfg RobustFitConfig) (FitResult, error) {
	n := len(p)
	res := FitResult{Points: n}
	if len(g) != n {
		return res, fmt.Errorf("%w: %d predictions but %d targets", ErrDegenerate, n, len(g))
	}
	if n < cfg.MinPoints {
		return res, fmt.Errorf("%w: %d points, need %d", ErrTooFewPoints, n, cfg.MinPoints)
	}
	if sd, _ := meanStd(p); sd < minRelativeSpread {
		return res, fmt.Errorf("%w: all %d points at one relative depth (spread %.2g)", ErrDegenerate, n, sd)
	}
	if sd, m := meanStd(g); !(sd > minTargetSpread*math.Abs(m)) {
		return res, fmt.Errorf("%w: all %d points at one range (spread %.2g of %.3g)", ErrDegenerate, n, sd, m)
	}
	f.w = grow(f.w, n)
	f.absr = grow(f.absr, n)
	best := f.ransac(p, g, cfg)
	m := best
	tau := cfg.InlierThreshold
	c := tau
	for it := 0; it < irlsIterations; it++ {
		// Weights: Tukey's biweight of the relative residual, times 1/g²
		// so that the least squares minimises relative error.
		k := 0
		for i := range p {
			r := (m.Apply(p[i]) - g[i]) / g[i]
			if math.Abs(r) < c {
				u := r / c
				f.w[i] = (1 - u*u) * (1 - u*u) / (g[i] * g[i])
				k++
			} else {
				f.w[i] = 0
			}
		}
		if k < 2 {
			break
		}
		next, err := FitScaleShift(p, g, f.w)
		if err != nil {
			break
		}
		m0 := m
		m = next
		// The robust spread of the residuals the new map leaves on the kept
		// points sets the next cut-off: never wider than the RANSAC
		// threshold, never so tight that rounding error on exact data
		// excludes points. A strided subset is plenty for the median.
		k = 0
		stride := 1 + len(p)/scaleSubset
		for i := 0; i < len(p); i += stride {
			if f.w[i] > 0 {
				f.absr[k] = math.Abs((m.Apply(p[i]) - g[i]) / g[i])
				k++
			}
		}
		prev := c
		if k > 0 {
			c = math.Min(tau, math.Max(tukeyC*1.4826*median(f.absr[:k]), 1e-9))
		}
		if moved := math.Abs(next.Scale-m0.Scale) + math.Abs(next.Shift-m0.Shift); moved <= 1e-12*(math.Abs(next.Scale)+math.Abs(next.Shift)) && c == prev {
			break // converged: another pass would change nothing
		}
	}
	// Final plain weighted least squares on the inliers of the last cut-off.
	k := 0
	res.PLow, res.PHigh = math.Inf(1), math.Inf(-1)
	for i := range p {
		r := (m.Apply(p[i]) - g[i]) / g[i]
		if math.Abs(r) < c {
			f.w[i] = 1 / (g[i] * g[i])
			k++
			if p[i] < res.PLow { // plain comparisons: math.Min/Max cost a call each
				res.PLow = p[i]
			}
			if p[i] > res.PHigh {
				res.PHigh = p[i]
			}
		} else {
			f.w[i] = 0
		}
	}
	need := max(cfg.MinPoints, int(math.Ceil(cfg.MinInlierFraction*float64(n))))
	if k < need {
		return res, fmt.Errorf("%w: %d of %d points agree with the best fit, need %d", ErrTooFewInliers, k, n, need)
	}
	final, err := FitScaleShift(p, g, f.w)
	if err != nil {
		return res, fmt.Errorf("inliers: %w", err)
	}
	if cfg.ScaleSign != 0 && !(final.Scale*float64(cfg.ScaleSign) > 0) {
		return res, fmt.Errorf("%w: the best fit is %.4g*rel + %.4g, want a scale of sign %+d", ErrScaleSign, final.Scale, final.Shift, cfg.ScaleSign)
	}
	res.ScaleShift, res.Inliers = final, k
	var ss float64
	for i := range p {
		if f.w[i] > 0 {
			r := (final.Apply(p[i]) - g[i]) / g[i]
			ss += r * r
		}
	}
	res.RelativeRMS = math.Sqrt(ss / float64(k))
	return res, nil
}

// ransac returns the pair hypothesis with the best truncated-quadratic
// (MSAC) score on a spread-out subset of the points.
func (f *robustFitter) ransac(p, g []float64, cfg RobustFitConfig) ScaleShift {
	n := len(p)
	f.sub = f.sub[:0]
	if n <= ransacSubset {
		for i := 0; i < n; i++ {
			f.sub = append(f.sub, i)
		}
	} else {
		// A stride through the cloud's scan order spreads the subset over the scene.
		for i := 0; i < ransacSubset; i++ {
			f.sub = append(f.sub, i*n/ransacSubset)
		}
	}
	if f.rng == nil {
		f.rng = rand.New(&f.pcg)
	}
	// Reseed per fit so a fit depends only on its input, not on history.
	f.pcg.Seed(cfg.Seed, 0x9e3779b97f4a7c15)
	rng := f.rng
	tau2 := cfg.InlierThreshold * cfg.InlierThreshold
	best, bestScore := ScaleShift{}, math.Inf(1)
	for it := 0; it < cfg.Iterations; it++ {
		i, j := f.sub[rng.IntN(len(f.sub))], f.sub[rng.IntN(len(f.sub))]
		dp := p[i] - p[j]
		if math.Abs(dp) < minRelativeSpread {
			continue
		}
		s := (g[i] - g[j]) / dp
		h := ScaleShift{Scale: s, Shift: g[i] - s*p[i]}
		score := 0.0
		for _, k := range f.sub {
			r := (h.Apply(p[k]) - g[k]) / g[k]
			if r2 := r * r; r2 < tau2 {
				score += r2
			} else {
				score += tau2
			}
			if score >= bestScore {
				break
			}
		}
		if score < bestScore {
			best, bestScore = h, score
		}
	}
	return best
}

func meanStd(x []float64) (sd, mean float64) {
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	var ss float64
	for _, v := range x {
		ss += (v - mean) * (v - mean)
	}
	return math.Sqrt(ss / float64(len(x))), mean
}

func grow(b []float64, n int) []float64 {
	if cap(b) < n {
		return make([]float64, n)
	}
	return b[:n]
}
