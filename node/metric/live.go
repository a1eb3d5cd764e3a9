package metric

import (
	"time"

	"github.com/depthnode/depthnode/calib"
	"github.com/depthnode/depthnode/node/params"
)

// liveAlign is what the stage needs to follow the live ~align_* parameters
// (dynamic_reconfigure): the holder and the aligners' configurations in force.
type liveAlign struct {
	holder *params.Live       // nil: the parameters never change (tests building a bare Env)
	cfg    calib.Config       // what the LiDAR aligner was built with
	ground calib.GroundConfig // what the floor aligner was built with
}

func newLiveAlign(holder *params.Live, cfg calib.Config, ground calib.GroundConfig) liveAlign {
	return liveAlign{holder: holder, cfg: cfg, ground: ground}
}

// followLive reads the parameters in force once for this frame, on the output goroutine that
// owns the aligners: ~align_sync_slop applies as it is; a new ~align_rectified rebuilds the
// camera; a change of a fit's own settings (space, points, ranges, smoothing, max age) replaces
// that aligner, so its fit starts again from this frame (an estimate made under the old
// settings, in another space or from other points, is not kept).
func (s *Stage) followLive() {
	if s.live.holder == nil {
		return
	}
	p := s.live.holder.Get()
	s.slop = time.Duration(p.AlignSyncSlop * float64(time.Second))
	if p.AlignRectified != s.camera.rectified {
		s.camera = cameraModel{rectified: p.AlignRectified}
		s.resetAligners()
	}
	cfg, err := alignConfig(p)
	if err != nil {
		return // Params.Validate refuses what alignConfig would: keep the aligners in force
	}
	s.maxAge = cfg.MaxAge
	if s.aligner != nil && cfg != s.live.cfg {
		if a, err := calib.NewAligner(cfg); err == nil {
			_ = s.aligner.Close()
			s.aligner, s.live.cfg = a, cfg
		}
	}
	if s.ground != nil {
		if cfg, err := groundConfig(p); err == nil && cfg != s.live.ground {
			if a, err := calib.NewGroundAligner(cfg); err == nil {
				_ = s.ground.Close()
				s.ground, s.live.ground = a, cfg
			}
		}
	}
}

// resetAligners restarts both fits (the camera model changed).
func (s *Stage) resetAligners() {
	if s.aligner != nil {
		s.aligner.Reset()
	}
	if s.ground != nil {
		s.ground.Reset()
	}
}
