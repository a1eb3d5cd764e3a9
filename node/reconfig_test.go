package node

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/internal/colormap"
	"github.com/depthnode/depthnode/internal/rostest"
	drmsg "github.com/depthnode/depthnode/node/reconfigure/dynamic_reconfigure"
)

// reconfFixture is the real node (depth_mean.onnx at native size, so depth is the channel
// mean, stretched or not) with a camera whose stamps count up, so a frame published after a
// change is known, and Debian's dynamic_reconfigure client to drive it.
type reconfFixture struct {
	m     *rostest.Master
	n     *Node
	log   *testLog
	depth chan *sensor_msgs.Image
	jpeg  chan *sensor_msgs.CompressedImage
	seq   atomic.Int64 // index of the last image published
	rgb   []byte
	w, h  int
}

var reconfBase = time.Unix(1700000500, 0)

func startReconfFixture(t *testing.T) *reconfFixture {
	t.Helper()
	rostest.Require(t, "rostopic", "rosparam")
	f := &reconfFixture{m: rostest.StartMaster(t), w: 48, h: 32}
	f.n, f.log = startNode(t, f.m, "_depth_model:="+fixture(t, "depth_mean.onnx"), "_processing_res:=0", "_preview_addr:=")
	peer := newPeer(t, f.m)
	f.depth = subscribe[sensor_msgs.Image](t, peer, "/depth/relative")
	f.jpeg = subscribe[sensor_msgs.CompressedImage](t, peer, "/depth/color/compressed")
	img, rgb := testImage(f.w, f.h, 0, reconfBase, "cam")
	f.rgb = rgb
	pub := publisher[sensor_msgs.Image](t, peer, "/image")
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		tk := time.NewTicker(40 * time.Millisecond)
		defer tk.Stop()
		for {
			msg := *img
			msg.Header.Stamp = reconfBase.Add(time.Duration(f.seq.Add(1)) * time.Millisecond)
			pub.Write(&msg)
			select {
			case <-stop:
				return
			case <-tk.C:
			}
		}
	}()
	t.Cleanup(func() { close(stop); <-done })
	return f
}

// since is the index of the image published last: frames after it were published after now.
func (f *reconfFixture) since() int64 { return f.seq.Load() }

func stampIndex(s time.Time) int64 { return int64(s.Sub(reconfBase) / time.Millisecond) }

// nextDepth is the first depth/relative frame of an image published after index k.
func (f *reconfFixture) nextDepth(t *testing.T, k int64) []float32 {
	t.Helper()
	return floats(t, recv(t, f.depth, "depth/relative", func(m *sensor_msgs.Image) bool { return stampIndex(m.Header.Stamp) > k }))
}

// nextJPEG is the first depth/color/compressed frame of an image published after index k.
func (f *reconfFixture) nextJPEG(t *testing.T, k int64) []byte {
	t.Helper()
	return recv(t, f.jpeg, "depth/color/compressed", func(m *sensor_msgs.CompressedImage) bool { return stampIndex(m.Header.Stamp) > k }).Data
}

// wantDepth is depth_mean's analytic answer: mean(rgb)/255, min-max stretched when asked.
func (f *reconfFixture) wantDepth(stretch bool) []float64 {
	d := meanDepth(f.rgb)
	if !stretch {
		return d
	}
	lo, hi := minMax(d)
	for i := range d {
		d[i] = (d[i] - lo) / (hi - lo)
	}
	return d
}

// checkDepth compares a published frame with the analytic answer.
func checkDepth(t *testing.T, got []float32, want []float64, what string) {
	t.Helper()
	worst := 0.0
	for i, v := range got {
		worst = math.Max(worst, math.Abs(float64(v)-want[i]))
	}
	if len(got) != len(want) || worst > 1e-5 {
		t.Errorf("%s: %d values, largest error %g from the analytic depth", what, len(got), worst)
	}
}

// wantJPEGSize is the size of depth/color as JPEG at quality q, encoded here from the
// analytic depth (the colour map may differ by a level where a pixel sits on a boundary).
func (f *reconfFixture) wantJPEGSize(t *testing.T, stretch bool, q int) int {
	t.Helper()
	d := f.wantDepth(stretch)
	d32 := make([]float32, len(d))
	for i, v := range d {
		d32[i] = float32(v)
	}
	b, err := inference.EncodeJPEG(colormap.DepthTurboBGR(d32, nil), f.w, f.h, true, q, nil)
	if err != nil {
		t.Fatal(err)
	}
	return len(b)
}

// client runs node/reconfigure's Debian-client driver and decodes its JSON line.
func (f *reconfFixture) client(t *testing.T, args ...string) map[string]any {
	t.Helper()
	out := f.run(t, rostest.Python(append([]string{"reconfigure/testdata/drclient.py"}, args...)...))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	// Python's json writes an unbounded double's max as Infinity, which Go's json refuses.
	last := strings.ReplaceAll(lines[len(lines)-1], "Infinity", "1.7976931348623157e308")
	var m map[string]any
	if err := json.Unmarshal([]byte(last), &m); err != nil {
		t.Fatalf("drclient %v printed %q: %v", args, out, err)
	}
	return m
}

func (f *reconfFixture) run(t *testing.T, cmd *exec.Cmd) string {
	t.Helper()
	if cmd.Env == nil {
		cmd.Env = f.m.Env(os.Environ())
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v: %v\n%s%s", cmd.Args, err, out, stderr.String())
	}
	return string(out)
}

// refusedLog waits for the node's log line refusing a request, naming what.
func (f *reconfFixture) refusedLog(t *testing.T, what string) {
	t.Helper()
	eventually(t, "a log line refusing "+what, func() bool {
		f.log.mu.Lock()
		defer f.log.mu.Unlock()
		for _, l := range f.log.lines {
			if strings.Contains(l, "refused") && strings.Contains(l, what) {
				return true
			}
		}
		return false
	})
}

func TestDynamicReconfigureThroughTheNode(t *testing.T) {
	f := startReconfFixture(t)
	node := f.n.Name()
	if node != "/depthnode" {
		t.Fatalf("node name %q", node)
	}
	eventually(t, "the start-up line listing the live parameters", func() bool {
		return f.log.contains("dynamic_reconfigure on /depthnode/set_parameters; live: processing_res, depth_stretch, jpeg_quality")
	})
	// Stretched (the default) before any change.
	checkDepth(t, f.nextDepth(t, 0), f.wantDepth(true), "before any change")

	t.Run("list and get", func(t *testing.T) {
		d := f.client(t, "descr", node)
		groups := d["tree"].(map[string]any)["groups"].(map[string]any)
		for _, g := range []string{"Model", "Depth", "Alignment", "Preview"} {
			if groups[g] == nil {
				t.Errorf("no group %s in %v", g, groups)
			}
		}
		for _, p := range d["params"].([]any) {
			p := p.(map[string]any)
			switch p["name"] {
			case "jpeg_quality":
				if p["min"] != 1.0 || p["max"] != 100.0 || p["default"] != 80.0 {
					t.Errorf("jpeg_quality described as %v", p)
				}
			case "align_max_range":
				if p["min"] != 0.0 || p["max"] != math.MaxFloat64 || p["type"] != "double" {
					t.Errorf("align_max_range described as %v (want 0..inf)", p)
				}
			case "device", "depth_model":
				if !strings.Contains(p["description"].(string), "restart-only") {
					t.Errorf("%s's description %q does not say restart-only", p["name"], p["description"])
				}
			}
		}
		if e := d["enums"].(map[string]any)["align_space"]; e == nil {
			t.Errorf("align_space has no enum: %v", d["enums"])
		}
		got := f.client(t, "get", node)
		if got["jpeg_quality"] != 80.0 || got["depth_stretch"] != true || got["depth_model"] != fixture(t, "depth_mean.onnx") || got["processing_res"] != 0.0 {
			t.Errorf("get: %v", got)
		}
	})

	t.Run("set several at once", func(t *testing.T) {
		size80 := len(f.nextJPEG(t, f.since()))
		got := f.client(t, "update", node, `{"jpeg_quality": 10, "depth_stretch": false, "align_smoothing": 0.5}`)
		k := f.since()
		if got["jpeg_quality"] != 10.0 || got["depth_stretch"] != false || got["align_smoothing"] != 0.5 {
			t.Fatalf("answer %v", got)
		}
		if p := f.n.Params(); p.JPEGQuality != 10 || p.DepthStretch || p.AlignSmoothing != 0.5 {
			t.Fatalf("in force: %+v", p)
		}
		checkDepth(t, f.nextDepth(t, k), f.wantDepth(false), "depth_stretch off")
		size10 := len(f.nextJPEG(t, k))
		want := f.wantJPEGSize(t, false, 10)
		t.Logf("depth/color/compressed: %d bytes at quality 80 (stretched), %d at 10 (expected %d)", size80, size10, want)
		if math.Abs(float64(size10-want)) > 0.03*float64(want) || size10 >= size80*3/4 {
			t.Errorf("quality 10: %d bytes, want %d (within 3%%) and well under quality 80's %d", size10, want, size80)
		}
	})

	for _, c := range []struct{ name, change, log string }{
		{"out of range", `{"jpeg_quality": 500, "depth_stretch": true}`, "jpeg_quality=500 is out of range [1, 100]"},
		{"restart-only", `{"device": "cuda", "depth_stretch": true}`, `device="cuda": restart-only`},
		{"checks between parameters", `{"align_min_range": 50.0, "align_max_range": 10.0}`, "~align_max_range"},
		{"open bound", `{"align_smoothing": 1.0}`, "~align_smoothing"},
	} {
		t.Run("refused whole: "+c.name, func(t *testing.T) {
			before := f.n.Params()
			got := f.client(t, "update", node, c.change)
			k := f.since()
			if got["jpeg_quality"] != 10.0 || got["depth_stretch"] != false || got["device"] != "auto" || got["align_max_range"] != 100.0 {
				t.Errorf("answer %v, want the configuration in force", got)
			}
			if f.n.Params() != before {
				t.Errorf("parameters changed by a refused request: %+v", f.n.Params())
			}
			f.refusedLog(t, c.log)
			checkDepth(t, f.nextDepth(t, k), f.wantDepth(false), "after a refusal")
		})
	}

	t.Run("parameter_updates and the parameter server", func(t *testing.T) {
		out := f.run(t, exec.Command("rostopic", "echo", "-n", "1", node+"/parameter_updates"))
		if !regexp.MustCompile(`name: "jpeg_quality"\s+value: 10\b`).MatchString(out) ||
			!regexp.MustCompile(`name: "depth_stretch"\s+value: False`).MatchString(out) {
			t.Errorf("parameter_updates:\n%s", out)
		}
		for key, want := range map[string]string{"jpeg_quality": "10", "depth_stretch": "false", "align_smoothing": "0.5"} {
			if v := strings.TrimSpace(f.run(t, exec.Command("rosparam", "get", node+"/"+key))); v != want {
				t.Errorf("rosparam get %s: %q, want %q", key, v, want)
			}
		}
	})

	t.Run("dynparam", func(t *testing.T) {
		// Debian's dynparam starts with roslib.load_manifest('dynamic_reconfigure') but the
		// package ships no package.xml: a stand-in manifest on ROS_PACKAGE_PATH lets it run.
		pkg := t.TempDir()
		if err := os.MkdirAll(pkg+"/dynamic_reconfigure", 0o755); err != nil {
			t.Fatal(err)
		}
		manifest := `<?xml version="1.0"?><package format="2"><name>dynamic_reconfigure</name><version>1.7.3</version>` +
			`<description>stand-in</description><maintainer email="nobody@example.com">nobody</maintainer><license>BSD</license></package>`
		if err := os.WriteFile(pkg+"/dynamic_reconfigure/package.xml", []byte(manifest), 0o644); err != nil {
			t.Fatal(err)
		}
		dynparam := func(args ...string) *exec.Cmd {
			cmd := rostest.Python(append([]string{"/usr/lib/dynamic_reconfigure/dynparam"}, args...)...)
			cmd.Env = append(f.m.Env(os.Environ()), "ROS_PACKAGE_PATH="+pkg)
			return cmd
		}
		if out := f.run(t, dynparam("list")); !strings.Contains(out, node) {
			t.Errorf("dynparam list: %q lacks %s", out, node)
		}
		f.run(t, dynparam("set", node, "{'depth_stretch': True, 'jpeg_quality': 90}"))
		k := f.since()
		checkDepth(t, f.nextDepth(t, k), f.wantDepth(true), "dynparam set depth_stretch True")
		if out := f.run(t, dynparam("get", node)); !strings.Contains(out, "'jpeg_quality': 90") || !strings.Contains(out, "'depth_stretch': True") {
			t.Errorf("dynparam get: %q", out)
		}
	})

	t.Run("concurrent requests while frames flow", func(t *testing.T) {
		peer := newPeer(t, f.m)
		var wg sync.WaitGroup
		var bad atomic.Int32
		for g := 0; g < 4; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				sc, err := goroslib.NewServiceClient(goroslib.ServiceClientConf{Node: peer, Name: node + "/set_parameters", Srv: &drmsg.Reconfigure{}})
				if err != nil {
					bad.Add(1)
					return
				}
				defer sc.Close()
				for i := 0; i < 10; i++ {
					q := 1 + (g*10+i)%100
					if i%4 == 3 {
						q = 0 // out of range: refused whole, bitrate included
					}
					req := drmsg.ReconfigureReq{Config: drmsg.Config{Ints: []drmsg.IntParameter{
						{Name: "jpeg_quality", Value: int32(q)}, {Name: "preview_bitrate", Value: int32(100 * (q + 1))}}}}
					var res drmsg.ReconfigureRes
					if err := sc.Call(&req, &res); err != nil || !pairHolds(res.Config) {
						bad.Add(1)
					}
				}
			}(g)
		}
		wg.Wait()
		if bad.Load() != 0 {
			t.Errorf("%d calls failed or answered half a change", bad.Load())
		}
		p := f.n.Params()
		if p.PreviewBitrate != 100*(p.JPEGQuality+1) {
			t.Errorf("in force: jpeg_quality %d with preview_bitrate %d, half of two changes", p.JPEGQuality, p.PreviewBitrate)
		}
		got := f.client(t, "get", node)
		if got["jpeg_quality"] != float64(p.JPEGQuality) || got["preview_bitrate"] != float64(p.PreviewBitrate) {
			t.Errorf("client sees %v, the node runs %d/%d", got, p.JPEGQuality, p.PreviewBitrate)
		}
		k := f.since()
		if n, want := len(f.nextJPEG(t, k)), f.wantJPEGSize(t, true, p.JPEGQuality); math.Abs(float64(n-want)) > 0.03*float64(want) {
			t.Errorf("after the storm: %d bytes at quality %d, want %d", n, p.JPEGQuality, want)
		}
	})

	t.Run("client killed mid-call", func(t *testing.T) {
		for i, delay := range []time.Duration{300 * time.Millisecond, 700 * time.Millisecond, 1100 * time.Millisecond, 1500 * time.Millisecond} {
			cmd := rostest.Python("reconfigure/testdata/drclient.py", "update", node, fmt.Sprintf(`{"jpeg_quality": %d, "preview_bitrate": %d}`, 41+i, 100*(42+i)))
			cmd.Env = f.m.Env(os.Environ())
			p := rostest.Start(t, cmd)
			time.Sleep(delay)
			p.Signal(syscall.SIGKILL)
			if _, ok := p.Wait(10 * time.Second); !ok {
				t.Fatal("the killed client still runs")
			}
		}
		p := f.n.Params()
		if p.PreviewBitrate != 100*(p.JPEGQuality+1) {
			t.Errorf("after killed clients: jpeg_quality %d with preview_bitrate %d", p.JPEGQuality, p.PreviewBitrate)
		}
		got := f.client(t, "update", node, `{"jpeg_quality": 70}`)
		if got["jpeg_quality"] != 70.0 || f.n.Params().JPEGQuality != 70 {
			t.Errorf("the next request: answer %v, in force %d", got["jpeg_quality"], f.n.Params().JPEGQuality)
		}
	})
}

// pairHolds: an answer carries jpeg_quality q and preview_bitrate 100*(q+1) from one request
// (or the start's 80 and 2000 before any was accepted).
func pairHolds(c drmsg.Config) bool {
	var q, b int32 = -1, -1
	for _, p := range c.Ints {
		switch p.Name {
		case "jpeg_quality":
			q = p.Value
		case "preview_bitrate":
			b = p.Value
		}
	}
	return b == 100*(q+1) || q == 90 && b == 2000
}
