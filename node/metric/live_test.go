package metric

import (
	"testing"
	"time"

	"github.com/depthnode/depthnode/calib"
	"github.com/depthnode/depthnode/node/params"
)

// TestFollowLive: a change of a fit setting replaces the aligner with one built from the new
// settings, ~align_sync_slop and ~align_rectified apply in place, and an unchanged frame keeps
// the aligner (and its estimate).
func TestFollowLive(t *testing.T) {
	p := params.Defaults()
	p.DepthModel, p.Align = "m.onnx", true
	cfg, err := alignConfig(p)
	if err != nil {
		t.Fatal(err)
	}
	a, err := calib.NewAligner(cfg)
	if err != nil {
		t.Fatal(err)
	}
	holder := params.NewLive(p)
	s := &Stage{aligner: a, live: newLiveAlign(holder, cfg, calib.GroundConfig{}), slop: 50 * time.Millisecond}
	defer func() { _ = s.aligner.Close() }()

	s.followLive()
	if s.aligner != a {
		t.Fatal("unchanged parameters replaced the aligner")
	}
	p.AlignSmoothing, p.AlignSpace, p.AlignSyncSlop, p.AlignRectified = 0.25, "disparity", 0.2, true
	holder.Set(p)
	s.followLive()
	if s.aligner == a || s.live.cfg.Smoothing != 0.25 || s.live.cfg.Space != calib.SpaceDisparity {
		t.Fatalf("after a change: same aligner %v, config %+v", s.aligner == a, s.live.cfg)
	}
	if s.slop != 200*time.Millisecond || !s.camera.rectified {
		t.Errorf("slop %v, rectified %v; want 200ms and true", s.slop, s.camera.rectified)
	}
	if _, _, err := a.Align(calib.Frame{}); err == nil {
		t.Error("the replaced aligner was not closed")
	}
}

// TestFollowLiveFloorOnly: with the floor as the only source (no LiDAR aligner) a live change
// replaces the floor aligner and sets the max age, and nothing touches the missing one.
func TestFollowLiveFloorOnly(t *testing.T) {
	p := params.Defaults()
	p.DepthModel, p.NormalsModel, p.AlignSource, p.CameraHeight = "m.onnx", "m.onnx", SourceGround, 1.2
	cfg, err := alignConfig(p)
	if err != nil {
		t.Fatal(err)
	}
	gcfg, err := groundConfig(p)
	if err != nil {
		t.Fatal(err)
	}
	g, err := calib.NewGroundAligner(gcfg)
	if err != nil {
		t.Fatal(err)
	}
	holder := params.NewLive(p)
	s := &Stage{ground: g, live: newLiveAlign(holder, cfg, gcfg)}
	defer func() { _ = s.ground.Close() }()
	p.AlignSmoothing, p.AlignMaxAge, p.AlignRectified = 0.1, 3, true
	holder.Set(p)
	s.followLive()
	if s.ground == g || s.live.ground.Smoothing != 0.1 || s.maxAge != 3*time.Second || !s.camera.rectified {
		t.Fatalf("after a change: same floor aligner %v, smoothing %v, max age %v, rectified %v",
			s.ground == g, s.live.ground.Smoothing, s.maxAge, s.camera.rectified)
	}
}
