// Package launch_test runs the launch files through Debian's real roslaunch, rosbag and
// rospy against the built binaries (bin/depthnode, bin/synthcam).
package launch_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/depthnode/depthnode/internal/rostest"
)

// root is the repository root: roslaunch finds the package there through ROS_PACKAGE_PATH.
var root string

// scratch holds files shared by several tests (the sample bag); removed after the run.
var scratch string

func TestMain(m *testing.M) {
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	root = filepath.Dir(wd)
	// roslaunch looks for node binaries inside the package folder, so they go to bin/.
	build := exec.Command("go", "build", "-o", filepath.Join(root, "bin")+"/", "./cmd/depthnode", "./cmd/synthcam")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building the node binaries: %v\n%s", err, out)
		os.Exit(1)
	}
	if scratch, err = os.MkdirTemp("", "depthnode-launch-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(scratch)
	os.Exit(code)
}

// env is the environment for ROS processes of one test.
func env(m *rostest.Master) []string {
	e := m.Env(os.Environ())
	e = append(e, "ROS_PACKAGE_PATH="+root)
	if os.Getenv("ONNXRUNTIME_LIB") == "" {
		e = append(e, "ONNXRUNTIME_LIB="+filepath.Join(root, ".ort", "libonnxruntime.so.1"))
	}
	return e
}

// roslaunch starts `roslaunch depthnode FILE ARGS...` and stops it when the test ends.
func roslaunch(t *testing.T, m *rostest.Master, file string, args ...string) *rostest.Process {
	t.Helper()
	rostest.Require(t, "roslaunch")
	cmd := exec.Command("roslaunch", append([]string{"--screen", "depthnode", file}, args...)...)
	cmd.Env = env(m)
	logPath := filepath.Join(t.TempDir(), "roslaunch.log")
	f, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = f, f
	p := rostest.Start(t, cmd)
	t.Cleanup(func() {
		p.Stop()
		f.Close()
		if t.Failed() {
			out, _ := os.ReadFile(logPath)
			t.Logf("roslaunch %s output:\n%s", file, tail(out, 6000))
		}
	})
	return p
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

// record is one line of testdata/collect.py or testdata/bag_summary.py.
type record struct {
	Topic      string   `json:"topic"`
	Type       string   `json:"type"`
	Stamp      int64    `json:"stamp"`
	FrameID    string   `json:"frame_id"`
	Width      int      `json:"width"`
	Height     int      `json:"height"`
	Encoding   string   `json:"encoding"`
	SHA256     string   `json:"sha256"`
	FiniteMean *float64 `json:"finite_mean"`
	Compare    bool     `json:"compare"`
	AbsRel     float64  `json:"absrel"`
}

func parseRecords(t *testing.T, out []byte) []record {
	t.Helper()
	var recs []record
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "{") {
			continue
		}
		var r record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("bad line %q: %v", line, err)
		}
		recs = append(recs, r)
	}
	return recs
}

// collect listens to topics with a real rospy peer for the given time.
func collect(t *testing.T, m *rostest.Master, d time.Duration, args ...string) []record {
	t.Helper()
	cmd := rostest.Python(append([]string{"testdata/collect.py", fmt.Sprint(d.Seconds())}, args...)...)
	cmd.Env = env(m)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("collect.py: %v\n%s", err, stderr.Bytes())
	}
	return parseRecords(t, out)
}

func byTopic(recs []record, topic string) []record {
	var out []record
	for _, r := range recs {
		if r.Topic == topic && !r.Compare {
			out = append(out, r)
		}
	}
	return out
}

// strays returns the outputs whose stamp is not among the collected inputs'. The collector
// subscribes to each topic on its own and unsubscribes from them one after another, so an
// output of an input published just before its input subscription was up, or just after it
// ended, is expected: only outputs stamped within the collected inputs' span count (the
// synthetic camera's stamps only grow).
func strays(in, out []record) []record {
	if len(in) == 0 {
		return out
	}
	first, last := stampSpan(in)
	seen := stamps(in)
	var bad []record
	for _, r := range out {
		if r.Stamp >= first && r.Stamp <= last && !seen[r.Stamp] {
			bad = append(bad, r)
		}
	}
	return bad
}

// stampSpan is the first and last stamp of recs (not empty).
func stampSpan(recs []record) (first, last int64) {
	first, last = recs[0].Stamp, recs[0].Stamp
	for _, r := range recs {
		first, last = min(first, r.Stamp), max(last, r.Stamp)
	}
	return first, last
}

func stamps(recs []record) map[int64]bool {
	s := make(map[int64]bool, len(recs))
	for _, r := range recs {
		s[r.Stamp] = true
	}
	return s
}

// rosparam reads a parameter with Debian's rosparam tool.
func rosparam(t *testing.T, m *rostest.Master, name string) string {
	t.Helper()
	cmd := exec.Command("rosparam", "get", name)
	cmd.Env = env(m)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("rosparam get %s: %v\n%s", name, err, out)
	}
	return strings.TrimSpace(string(out))
}
