package node

import (
	"os"
	"os/exec"
	"runtime"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/internal/rostest"
	"github.com/depthnode/depthnode/node/topics"
)

// slowReaderHeap runs a node (combined model, 1280x720 rgb8 input at 20 Hz until 80 frames are
// published) whose
// depth/relative (3.7 MB) and normals/image (11 MB) are read by four slow rospy readers, and
// returns the peak and final live heap growth in MiB, the frames published and those dropped
// for slow readers; it logs the garbage collections the bound forced.
func slowReaderHeap(t *testing.T, maxHeld int) (peak, live float64, published, dropped uint64) {
	old := topics.MaxHeld
	topics.MaxHeld = maxHeld
	defer func() { topics.MaxHeld = old }()
	m := rostest.StartMaster(t)
	both := fixture(t, "both.onnx")
	n, _ := startNode(t, m, "_depth_model:="+both, "_normals_model:="+both, "_processing_res:=64", "_preview_addr:=")
	peer := newPeer(t, m)
	pub := publisher[sensor_msgs.Image](t, peer, "/image")
	img, _ := testImage(1280, 720, 0, time.Unix(1, 0), "cam")
	// Warm up with a fast reader, so the pipeline's own buffers for this size are in the base.
	fast := subscribe[sensor_msgs.Image](t, peer, "/normals/image")
	for range 5 {
		untilOutput(t, pub, img, fast, img.Header.Stamp)
	}
	for range 4 {
		cmd := exec.Command(rostest.SystemPython, "../internal/rosnode/testdata/slow_sub.py", "/depth/relative", "/normals/image")
		cmd.Env = m.Env(os.Environ())
		rostest.Start(t, cmd)
	}
	eventually(t, "four readers of each output", func() bool {
		return n.subs.Count("/depth/relative") == 4 && n.subs.Count("/normals/image") == 5
	})
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base, forced, t0 := float64(ms.HeapAlloc), ms.NumForcedGC, time.Now()
	var top uint64
	start := n.Stats().Published
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	// 80 frames: more than goroslib's 64-message queue fills.
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end) && n.Stats().Published-start < 80; <-tick.C {
		pub.Write(img)
		runtime.ReadMemStats(&ms)
		top = max(top, ms.HeapAlloc)
	}
	published = n.Stats().Published - start
	runtime.ReadMemStats(&ms)
	t.Logf("MaxHeld %d: %d forced garbage collections in %.1f s", maxHeld, ms.NumForcedGC-forced, time.Since(t0).Seconds())
	runtime.GC()
	runtime.ReadMemStats(&ms)
	n.gmu.Lock()
	dropped = n.slowDropped()
	n.gmu.Unlock()
	return (float64(top) - base) / (1 << 20), (float64(ms.HeapAlloc) - base) / (1 << 20), published, dropped
}

// TestSlowSubscribersHoldBoundedMemory: four slow readers of the two big outputs hold at most
// topics.MaxHeld frames per topic; -short skips the unbounded comparison, which takes
// hundreds of MiB.
func TestSlowSubscribersHoldBoundedMemory(t *testing.T) {
	if raceDetector {
		// Too few frames flow to fill goroslib's queue, and the heap is the detector's: the
		// plain run (make test-go) measures the bound.
		t.Skip("a memory measurement: meaningless under the race detector")
	}
	rostest.Require(t, rostest.SystemPython)
	peak, live, pub, dropped := slowReaderHeap(t, topics.MaxHeld)
	t.Logf("MaxHeld %d: %d frames published, %d topic messages dropped for slow readers, heap +%.0f MiB peak, +%.0f MiB live at the end",
		topics.MaxHeld, pub, dropped, peak, live)
	// Per topic MaxHeld messages plus, per slow connection, the one goroslib is writing (it
	// encodes each into its own bytes.Buffer, up to twice the size): (4 + 2*4) x (3.7 + 11) MB
	// = 177 MB, plus the pipeline's frames. Unbounded it is 64 messages per topic and more.
	if live > 350 {
		t.Errorf("slow readers hold %.0f MiB with the bound", live)
	}
	if !testing.Short() {
		upeak, ulive, upub, _ := slowReaderHeap(t, 0)
		t.Logf("unbounded: %d frames published, heap +%.0f MiB peak, +%.0f MiB live at the end", upub, upeak, ulive)
		if live > ulive/2 {
			t.Errorf("the bound keeps %.0f MiB, unbounded %.0f MiB", live, ulive)
		}
	}
}
