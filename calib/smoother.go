package calib

import (
	"math"
	"time"
)

// SmootherConfig tunes the temporal smoothing of scale and shift.
type SmootherConfig struct {
	// Space is the space the fits were made in.
	Space Space
	// Smoothing is the exponential factor in [0,1): the weight the previous
	// estimate keeps each frame (0 = use each fit as is).
	Smoothing float64
	// JumpTolerance is the relative difference in metric depth, at the ends
	// of the fit's relative depth span, above which a new fit disagrees with
	// the smoothed one (default 0.2).
	JumpTolerance float64
	// JumpFrames is how many disagreeing fits in a row replace the smoothed
	// estimate outright (default 3); fewer are treated as outliers.
	JumpFrames int
	// MaxAge is how long after the last accepted fit (in frame stamps) the
	// estimate may still be used (default 1 s).
	MaxAge time.Duration
}

// Estimate is the smoothed scale and shift for one frame.
type Estimate struct {
	ScaleShift
	// Age is the frame stamp minus the stamp of the last accepted fit.
	Age time.Duration
	// Fresh is true when this frame's own fit was blended in.
	Fresh bool
	// Reset is true when the estimate restarted from this frame's fit.
	Reset bool
}

// Smoother blends successive fits exponentially, restarts after a run of
// fits that disagree with it (the scene or the model's stretch jumped), and
// expires when no fit has been accepted for MaxAge.
type Smoother struct {
	cfg      SmootherConfig
	valid    bool
	est      ScaleShift
	last     time.Time // stamp of the last accepted fit
	disagree int
}

// NewSmoother returns a smoother with no estimate.
func NewSmoother(cfg SmootherConfig) *Smoother {
	if cfg.JumpTolerance == 0 {
		cfg.JumpTolerance = 0.2
	}
	if cfg.JumpFrames == 0 {
		cfg.JumpFrames = 3
	}
	if cfg.MaxAge == 0 {
		cfg.MaxAge = time.Second
	}
	return &Smoother{cfg: cfg}
}

// Reset forgets the estimate.
func (sm *Smoother) Reset() { sm.valid, sm.disagree = false, 0 }

// Update feeds the frame at stamp with its fit (nil when the fit failed)
// and returns the estimate to use, or ok=false when there is none younger
// than MaxAge. A stamp earlier than the last accepted fit (a bag replayed
// from the start) resets the smoother.
func (sm *Smoother) Update(stamp time.Time, fit *FitResult) (Estimate, bool) {
	if sm.valid && stamp.Before(sm.last) {
		sm.Reset()
	}
	if sm.valid && stamp.Sub(sm.last) > sm.cfg.MaxAge {
		sm.Reset() // expired: never blend a new fit with a long-gone scale
	}
	if fit != nil {
		switch {
		case !sm.valid:
			sm.accept(stamp, fit.ScaleShift)
			return Estimate{ScaleShift: sm.est, Fresh: true, Reset: true}, true
		case sm.agrees(fit):
			sm.disagree = 0
			a := sm.cfg.Smoothing
			sm.est = ScaleShift{
				Scale: a*sm.est.Scale + (1-a)*fit.Scale,
				Shift: a*sm.est.Shift + (1-a)*fit.Shift,
			}
			sm.last = stamp
			return Estimate{ScaleShift: sm.est, Fresh: true}, true
		default:
			sm.disagree++
			if sm.disagree >= sm.cfg.JumpFrames {
				sm.accept(stamp, fit.ScaleShift)
				return Estimate{ScaleShift: sm.est, Fresh: true, Reset: true}, true
			}
		}
	}
	if !sm.valid {
		return Estimate{}, false
	}
	return Estimate{ScaleShift: sm.est, Age: stamp.Sub(sm.last)}, true
}

func (sm *Smoother) accept(stamp time.Time, m ScaleShift) {
	sm.valid, sm.est, sm.last, sm.disagree = true, m, stamp, 0
}

// agrees compares the metric depth both maps give at the ends of the fit's
// supported span of relative depth.
func (sm *Smoother) agrees(fit *FitResult) bool {
	for _, p := range [2]float64{fit.PLow, fit.PHigh} {
		a := sm.cfg.Space.metric(fit.Apply(p))
		b := sm.cfg.Space.metric(sm.est.Apply(p))
		if !(a > 0 && b > 0 && math.Abs(a-b) <= sm.cfg.JumpTolerance*a) {
			return false
		}
	}
	return true
}
