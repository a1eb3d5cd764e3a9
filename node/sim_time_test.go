package node

import (
	"os"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/rosgraph_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/internal/rostest"
)

// TestSimulatedTime runs under /use_sim_time with a /clock five times
// faster than the wall: diagnostics are stamped with and paced by /clock,
// warn when no image came for five (simulated) seconds, and outputs keep
// the input stamps.
func TestSimulatedTime(t *testing.T) {
	m := rostest.StartMaster(t)
	set := rostest.Python("-c", "import rospy; rospy.set_param('/use_sim_time', True)")
	set.Env = m.Env(os.Environ())
	if out, err := set.CombinedOutput(); err != nil {
		t.Fatalf("set /use_sim_time: %v\n%s", err, out)
	}
	peer := newPeer(t, m)
	clock := publisher[rosgraph_msgs.Clock](t, peer, "/clock")
	simStart := time.Unix(1000, 0)
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for now := simStart; ; now = now.Add(100 * time.Millisecond) {
			clock.Write(&rosgraph_msgs.Clock{Clock: now})
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	t.Cleanup(func() { close(stop); <-done })

	n, _ := startNode(t, m, "_depth_model:="+fixture(t, "depth_mean.onnx"), "_preview_addr:=")
	diag := subscribe[diagnostic_msgs.DiagnosticArray](t, peer, "/diagnostics")
	inSim := func(ts time.Time) bool { return !ts.Before(simStart) && ts.Before(simStart.Add(time.Hour)) }

	first := recv(t, diag, "diagnostics in simulated time", func(d *diagnostic_msgs.DiagnosticArray) bool { return inSim(d.Header.Stamp) })
	second := recv(t, diag, "a second diagnostics message", nil)
	if gap := second.Header.Stamp.Sub(first.Header.Stamp); !inSim(second.Header.Stamp) || gap < 900*time.Millisecond || gap > 1300*time.Millisecond {
		t.Fatalf("diagnostics at sim %v then %v: want one simulated second apart", first.Header.Stamp, second.Header.Stamp)
	}
	st := second.Status[0]
	for _, key := range []string{"model", "device", "input rate (Hz)", "output rate (Hz)", "dropped (newer frame waiting)",
		"bad input total", "inference errors", "decode latency p50/p95 (ms)", "pre latency p50/p95 (ms)",
		"infer latency p50/p95 (ms)", "post latency p50/p95 (ms)", "publish latency p50/p95 (ms)"} {
		if !hasKey(st, key) {
			t.Fatalf("diagnostics lack %q: %+v", key, st.Values)
		}
	}
	if st.HardwareId != "cpu" {
		t.Fatalf("hardware_id %q, want cpu", st.HardwareId)
	}
	recv(t, diag, "a WARN for no image in 5 simulated seconds", func(d *diagnostic_msgs.DiagnosticArray) bool {
		return d.Status[0].Level == diagnostic_msgs.DiagnosticStatus_WARN
	})

	// Outputs carry the input stamp, not the simulated clock.
	out := subscribe[sensor_msgs.Image](t, peer, "/depth/relative")
	pub := publisher[sensor_msgs.Image](t, peer, "/image")
	stamp := time.Unix(77, 7)
	img, _ := testImage(8, 8, 0, stamp, "cam")
	untilOutput(t, pub, img, out, stamp)
	recv(t, diag, "diagnostics back to OK once images flow", func(d *diagnostic_msgs.DiagnosticArray) bool {
		pub.Write(img)
		return d.Status[0].Level == diagnostic_msgs.DiagnosticStatus_OK
	})
	_ = n
}

func hasKey(s diagnostic_msgs.DiagnosticStatus, key string) bool {
	for _, kv := range s.Values {
		if kv.Key == key {
			return true
		}
	}
	return false
}
