package launch_test

import (
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/depthnode/depthnode/internal/rostest"
)

var (
	sampleOnce sync.Once
	sampleBag  string
	sampleErr  error
	sampleOut  []byte
)

// sampleBagPath records the sample bag once per test binary with scripts/make_sample_bag.sh.
func sampleBagPath(t *testing.T) string {
	t.Helper()
	sampleOnce.Do(func() {
		m := rostest.StartMaster(t)
		sampleBag = filepath.Join(scratch, "sample.bag")
		cmd := exec.Command("bash", filepath.Join(root, "scripts", "make_sample_bag.sh"), sampleBag, "6", "5")
		cmd.Env = env(m)
		sampleOut, sampleErr = cmd.CombinedOutput()
	})
	if sampleErr != nil {
		t.Fatalf("make_sample_bag.sh: %v\n%s", sampleErr, sampleOut)
	}
	return sampleBag
}

// bagRecords reads a bag with rosbag's Python API.
func bagRecords(t *testing.T, bag string) []record {
	t.Helper()
	out, err := rostest.Python("testdata/bag_summary.py", bag).CombinedOutput()
	if err != nil {
		t.Fatalf("bag_summary.py %s: %v\n%s", bag, err, out)
	}
	return parseRecords(t, out)
}

// replay runs replay.launch to the end of the bag and returns the recorded outputs.
func replay(t *testing.T, bag string, args ...string) []record {
	t.Helper()
	m := rostest.StartMaster(t)
	out := filepath.Join(t.TempDir(), "out.bag")
	p := roslaunch(t, m, "replay.launch", append([]string{"bag:=" + bag, "record:=" + out, "device:=cpu"}, args...)...)
	// The player is required: roslaunch ends (and the recorder closes its bag) when the bag is done.
	if _, ok := p.Wait(90 * time.Second); !ok {
		t.Fatalf("replay of %s did not finish", bag)
	}
	return bagRecords(t, out)
}

func TestReplayKeepsStampsAndAligns(t *testing.T) {
	bag := sampleBagPath(t)
	in := bagRecords(t, bag)
	inImages := byTopic(in, "/camera/image")
	if len(inImages) < 10 {
		t.Fatalf("sample bag has %d images, want >= 10", len(inImages))
	}
	inStamps := stamps(inImages)

	first := replay(t, bag)
	second := replay(t, bag)
	for i, out := range [][]record{first, second} {
		rel := byTopic(out, "/camera/depth/relative")
		metric := byTopic(out, "/camera/depth/metric")
		if len(rel) < len(inImages)/2 {
			t.Errorf("replay %d: %d relative depth frames for %d input images", i+1, len(rel), len(inImages))
		}
		if len(metric) == 0 {
			t.Errorf("replay %d: no metric depth: LiDAR alignment from the bag's /points and /tf_static failed", i+1)
		}
		for _, r := range append(rel, metric...) {
			if !inStamps[r.Stamp] {
				t.Errorf("replay %d: %s stamp %d is no input stamp", i+1, r.Topic, r.Stamp)
			}
		}
	}
	// Deterministic inference: frames both replays processed carry identical relative depth.
	firstSHA := map[int64]string{}
	for _, r := range byTopic(first, "/camera/depth/relative") {
		firstSHA[r.Stamp] = r.SHA256
	}
	common := 0
	for _, r := range byTopic(second, "/camera/depth/relative") {
		if sha, ok := firstSHA[r.Stamp]; ok {
			common++
			if sha != r.SHA256 {
				t.Errorf("stamp %d: relative depth differs between the two replays", r.Stamp)
			}
		}
	}
	if common == 0 {
		t.Errorf("the two replays processed no frame in common")
	}
}

func TestReplayFastNeverMisstamps(t *testing.T) {
	bag := sampleBagPath(t)
	inStamps := stamps(byTopic(bagRecords(t, bag), "/camera/image"))
	out := replay(t, bag, "rate:=4")
	rel := byTopic(out, "/camera/depth/relative")
	if len(rel) == 0 {
		t.Fatalf("no output at 4x")
	}
	seen := map[int64]bool{}
	for _, r := range rel {
		if !inStamps[r.Stamp] {
			t.Errorf("4x: stamp %d is no input stamp", r.Stamp)
		}
		if seen[r.Stamp] {
			t.Errorf("4x: stamp %d published twice", r.Stamp)
		}
		seen[r.Stamp] = true
	}
	t.Logf("4x replay: %d of %d frames processed", len(rel), len(inStamps))
}

func TestReplayPauseStopsTimers(t *testing.T) {
	bag := sampleBagPath(t)
	m := rostest.StartMaster(t)
	p := roslaunch(t, m, "replay.launch", "bag:="+bag, "device:=cpu", "rate:=0.5")
	// Let playback start, then pause it through rosbag play's own service.
	before := collect(t, m, 6*time.Second, "/diagnostics", "/camera/depth/relative")
	if len(byTopic(before, "/camera/depth/relative")) == 0 {
		t.Fatalf("no output before the pause")
	}
	call := func(v string) {
		cmd := exec.Command("rosservice", "call", "/player/pause_playback", v)
		cmd.Env = env(m)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("pause_playback %s: %v\n%s", v, err, out)
		}
	}
	call("true")
	time.Sleep(500 * time.Millisecond)
	paused := collect(t, m, 4*time.Second, "/diagnostics", "/camera/depth/relative")
	// Sim time stands still: the 1 Hz diagnostics timer follows /clock, so at most one
	// diagnostics message (already due when the pause began) and no new frames.
	if n := len(byTopic(paused, "/diagnostics")); n > 1 {
		t.Errorf("%d diagnostics messages in 4 s of paused sim time, want at most 1", n)
	}
	if p.Exited() {
		t.Fatalf("roslaunch ended during the pause")
	}
	call("false")
	after := collect(t, m, 6*time.Second, "/camera/depth/relative")
	if len(byTopic(after, "/camera/depth/relative")) == 0 {
		t.Errorf("no output after resuming")
	}
}
