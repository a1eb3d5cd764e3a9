package node

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/internal/rostest"
)

// convModel writes testdata/conv_model.py's model (convs 3x3 convolutions
// of ch channels) into the test's folder.
func convModel(t testing.TB, convs, ch int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), fmt.Sprintf("conv%dx%d.onnx", convs, ch))
	cmd := exec.Command(rostest.SystemPython, "testdata/conv_model.py", path, fmt.Sprint(convs), fmt.Sprint(ch))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("write conv model: %v\n%s", err, out)
	}
	return path
}

// TestLatestFrameWins floods the node faster than its model runs: the
// newest frame is always the one processed next, so outputs never go back
// in time, the last frame sent is published, skipped frames are counted,
// and every received frame is accounted for.
func TestLatestFrameWins(t *testing.T) {
	m := rostest.StartMaster(t)
	n, _ := startNode(t, m, "_depth_model:="+convModel(t, 4, 16), "_processing_res:=256", "_device:=cpu", "_preview_addr:=")
	peer := newPeer(t, m)
	out := subscribe[sensor_msgs.Image](t, peer, "/depth/relative")
	pub := publisher[sensor_msgs.Image](t, peer, "/image")
	warm, _ := testImage(320, 240, 0, time.Unix(1, 0), "cam")
	untilOutput(t, pub, warm, out, warm.Header.Stamp)
	drain := func() {
		for len(out) > 0 {
			<-out
		}
	}
	drain()
	base := n.Stats()

	const burst = 60
	var last time.Time
	for i := range burst {
		last = time.Unix(100+int64(i), 0)
		img, _ := testImage(320, 240, 0, last, "cam")
		pub.Write(img)
		time.Sleep(time.Millisecond) // a fast camera, not a single TCP write
	}
	var prev time.Time
	recv(t, out, "the last frame of the burst", func(m *sensor_msgs.Image) bool {
		if m.Header.Stamp.Before(prev) {
			t.Fatalf("output stamped %v after one stamped %v", m.Header.Stamp, prev)
		}
		prev = m.Header.Stamp
		return m.Header.Stamp.Equal(last)
	})
	eventually(t, "every received frame accounted for", func() bool {
		s := n.Stats()
		return s.Received == s.Published+s.Skipped+s.Unwanted+sum(s.Bad)+s.InferErrors
	})
	s := n.Stats()
	got := s.Received - base.Received
	published := s.Published - base.Published
	skipped := s.Skipped - base.Skipped
	t.Logf("burst of %d: received %d, published %d, skipped %d; infer p50 %v", burst, got, published, skipped, s.Latency[StageInfer].P50)
	if skipped == 0 || published >= got {
		t.Fatalf("a burst faster than the model skipped nothing: received %d, published %d", got, published)
	}
}
