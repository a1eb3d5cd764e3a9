package node

import (
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/internal/rostest"
)

// TestNothingComputedWithoutReaders uses separate depth and normals models:
// with no subscriber nothing runs, and a task nobody reads is skipped.
func TestNothingComputedWithoutReaders(t *testing.T) {
	m := rostest.StartMaster(t)
	n, _ := startNode(t, m, "_depth_model:="+fixture(t, "depth_mean.onnx"),
		"_normals_model:="+fixture(t, "normals_identity.onnx"), "_processing_res:=0", "_preview_addr:=")
	peer := newPeer(t, m)
	pub := publisher[sensor_msgs.Image](t, peer, "/image")
	img, _ := testImage(16, 8, 0, time.Unix(7, 0), "cam")
	keepPublishing(t, pub, img)

	eventually(t, "frames dropped for want of readers", func() bool { return n.Stats().Unwanted >= 3 })
	if s := n.Stats(); s.Published != 0 || s.DepthFrames != 0 || s.NormalsFrames != 0 {
		t.Fatalf("computed without readers: %+v", s)
	}

	steps := []struct {
		name          string
		topic         string
		depth, normal bool // expected per computed frame
	}{
		{"depth colour only", "/depth/color", true, false},
		{"normals colour only", "/normals/color", false, true},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			ch := subscribe[sensor_msgs.Image](t, peer, st.topic)
			recv(t, ch, st.topic, nil)
			// The previous step's reader leaves within one subscriber poll, so
			// look at windows of two frames until the counts settle.
			var gotDepth, gotNormals bool
			for try := 0; try < 50; try++ {
				before := n.Stats()
				recv(t, ch, st.topic, nil)
				recv(t, ch, st.topic, nil)
				after := n.Stats()
				gotDepth = after.DepthFrames > before.DepthFrames
				gotNormals = after.NormalsFrames > before.NormalsFrames
				if gotDepth == st.depth && gotNormals == st.normal {
					return
				}
			}
			t.Fatalf("with only %s read: depth computed %v, normals computed %v", st.topic, gotDepth, gotNormals)
		})
	}
}
