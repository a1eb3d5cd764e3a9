package metric

import (
	"time"

	"github.com/depthnode/depthnode/calib"
	"github.com/depthnode/depthnode/node/params"
)

// liveAlign is what the stage needs to follow the live ~align_* parameters
// (dynamic_reconfigure): the holder and the aligner configuration in force.
type liveAlign struct {
	holder *params.Live // nil: the parameters never change (tests building a bare Env)
	cfg    calib.Config // what the aligner was built with
}

func newLiveAlign(holder *params.Live, cfg calib.Config) liveAlign {
	return liveAlign{holder: holder, cfg: cfg}
}

// followLive reads the parameters in force once for this frame, on the output goroutine that
// owns the aligner: ~align_sync_slop applies as it is; a new ~align_rectified rebuilds the
// camera; a change of the fit's own settings (space, points, ranges, smoothing, max age)
// replaces the aligner, so the fit starts again from this frame's points (an estimate made
// under the old settings, in another space or from other points, is not kept).
func (s *Stage) followLive() {
	if s.live.holder == nil {
		return
	}
	p := s.live.holder.Get()
	s.slop = time.Duration(p.AlignSyncSlop * float64(time.Second))
	if p.AlignRectified != s.camera.rectified {
		s.camera = cameraModel{rectified: p.AlignRectified}
		s.aligner.Reset()
	}
	cfg, err := alignConfig(p)
	if err != nil || cfg == s.live.cfg {
		return // Params.Validate refuses what alignConfig would: keep the aligner in force
	}
	a, err := calib.NewAligner(cfg)
	if err != nil {
		return
	}
	_ = s.aligner.Close()
	s.aligner, s.live.cfg = a, cfg
}
