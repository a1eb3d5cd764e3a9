package calib

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"time"

	"github.com/depthnode/depthnode/internal/ratelog"
)

// alignCore is what the LiDAR Aligner and the GroundAligner share: the robust fitter, the
// smoother, the rate-limited refusal log, the counters and the per-frame buffers, reused across
// frames (p: relative depth, g: the fit's target, z: metric depth of each sample).
type alignCore struct {
	space    Space
	fitter   robustFitter
	sm       *Smoother
	log      *ratelog.Limiter
	stats    Stats
	closed   bool
	reasons  []error // the sentinels Stats.Refused counts by
	refusing string  // the refusal line's opening
	p, g, z  []float64
	metric   []float32
}

func newAlignCore(sc SmootherConfig, logger *slog.Logger, reasons []error, refusing string) alignCore {
	return alignCore{
		space:   sc.Space,
		sm:      NewSmoother(sc),
		log:     newLogLimiter(logger, 5*time.Second),
		stats:   Stats{Refused: map[string]uint64{}},
		reasons: reasons, refusing: refusing,
	}
}

// Close releases the buffers; Align fails with ErrClosed afterwards.
func (c *alignCore) Close() error {
	c.closed = true
	c.p, c.g, c.z, c.metric = nil, nil, nil, nil
	return nil
}

// Reset forgets the smoothed estimate, e.g. when the camera, its mounting or the extrinsic
// changed and the old scale no longer applies.
func (c *alignCore) Reset() { c.sm.Reset() }

// Stats returns a copy of the counters.
func (c *alignCore) Stats() Stats {
	s := c.stats
	s.Refused = make(map[string]uint64, len(c.stats.Refused))
	for k, v := range c.stats.Refused {
		s.Refused[k] = v
	}
	return s
}

// metricRMS is the RMS metric depth error, in metres, of the last fit's inliers.
func (c *alignCore) metricRMS(m ScaleShift, n int) float64 {
	var ss float64
	k := 0
	for i := 0; i < n; i++ {
		if c.fitter.w[i] > 0 {
			d := c.space.metric(m.Apply(c.p[i])) - c.z[i]
			ss += d * d
			k++
		}
	}
	if k == 0 {
		return 0
	}
	return math.Sqrt(ss / float64(k))
}

// estimate feeds this frame's fit (nil when refused, for fitErr) to the smoother and maps rel
// through the estimate in force into the reused metric image; with no estimate younger than
// maxAge it returns ErrStale wrapping fitErr.
func (c *alignCore) estimate(stamp time.Time, fp *FitResult, fitErr error, rel []float32, maxAge time.Duration, maxRange float64, rep *Report) ([]float32, error) {
	est, ok := c.sm.Update(stamp, fp)
	if !ok {
		if fitErr == nil {
			fitErr = errors.New("no estimate")
		}
		return nil, fmt.Errorf("%w: no accepted fit within %v: %w", ErrStale, maxAge, fitErr)
	}
	rep.ScaleShift, rep.Age, rep.Fresh, rep.Reset = est.ScaleShift, est.Age, est.Fresh, est.Reset
	c.stats.Published++
	if est.Fresh {
		c.stats.Fresh++
	}
	c.metric = fillMetric(c.metric, rel, est.ScaleShift, c.space, maxRange)
	return c.metric, nil
}

// refuse counts a refused frame under its sentinel and logs it, rate-limited per reason.
func (c *alignCore) refuse(err error) {
	key := "other"
	for _, r := range c.reasons {
		if errors.Is(err, r) {
			key = r.Error()
			break
		}
	}
	c.stats.Refused[key]++
	c.log.Printf(key, "%s: %v", c.refusing, err)
}
