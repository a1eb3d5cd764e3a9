package metric

import (
	"errors"
	"testing"

	"github.com/depthnode/depthnode/calib"
	"github.com/depthnode/depthnode/node/internal/nodetest"
)

// TestCameraModelRebuild: a repeated camera_info (a new message with the
// same calibration) keeps the camera; a new calibration or image size
// replaces it and says so; an unusable one is an error, and the next good
// one works again.
func TestCameraModelRebuild(t *testing.T) {
	s := nodetest.NewMetric(t)
	var c cameraModel
	first, changed, err := c.get(s.CameraInfo(), s.W, s.H)
	if err != nil || first == nil || changed {
		t.Fatalf("first: %v %v %v", first, changed, err)
	}
	steps := []struct {
		name    string
		w, h    int
		edit    func(k *[9]float64)
		same    bool
		changed bool
		wantErr error
	}{
		{name: "same calibration, new message", w: s.W, h: s.H, same: true},
		{name: "other focal length", w: s.W, h: s.H, edit: func(k *[9]float64) { k[0] *= 1.1 }, changed: true},
		{name: "uncalibrated (zeros)", w: s.W, h: s.H, edit: func(k *[9]float64) { *k = [9]float64{} }, wantErr: calib.ErrCameraInfo},
		{name: "good again, other size (a resize)", w: s.W / 2, h: s.H / 2, changed: true},
	}
	prev := first
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			m := s.CameraInfo()
			if st.edit != nil {
				st.edit(&m.K)
			}
			cam, changed, err := c.get(m, st.w, st.h)
			if st.wantErr != nil {
				if !errors.Is(err, st.wantErr) || cam != nil {
					t.Fatalf("err %v cam %v, want %v", err, cam, st.wantErr)
				}
				if _, _, again := c.get(m, st.w, st.h); !errors.Is(again, st.wantErr) {
					t.Fatalf("the same message again: %v", again)
				}
				return
			}
			if err != nil || changed != st.changed || (cam == prev) != st.same || cam.Width() != st.w {
				t.Fatalf("cam %p (prev %p) changed %v err %v", cam, prev, changed, err)
			}
			prev = cam
		})
	}
}
