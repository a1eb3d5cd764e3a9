package reconfigure

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2"

	"github.com/depthnode/depthnode/internal/rostest"
)

const serverNode = "/cam/drtest"

// rosParams adds an int enum (set by constant name through the client) to the shared table.
func rosParams() []Param {
	return append(testParams(), Param{Name: "mode", Type: Int, Default: 0, Min: 0, Max: 2, Live: true,
		Description: "speed/quality trade-off", Enum: []EnumValue{{"Fast", 0, "fewest steps"}, {"Balanced", 1, ""}, {"Fine", 2, "most steps"}},
		EnumDescription: "how hard to try"})
}

// rosFixture is a roscore, a goroslib node named /cam/drtest and a Server on it.
type rosFixture struct {
	m     *rostest.Master
	srv   *Server
	fake  *fakeNode
	logMu sync.Mutex
	logs  []string
}

func startServer(t *testing.T) *rosFixture {
	t.Helper()
	rostest.Require(t, "rostopic", "rosparam")
	f := &rosFixture{m: rostest.StartMaster(t), fake: &fakeNode{}}
	n, err := goroslib.NewNode(goroslib.NodeConf{
		Namespace:     "/cam",
		Name:          "drtest",
		MasterAddress: strings.TrimSuffix(strings.TrimPrefix(f.m.URI, "http://"), "/"),
		Host:          "127.0.0.1",
		LogLevel:      goroslib.LogLevelError,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(n.Close)
	initial := map[string]any{"jpeg_quality": 41, "width": 640, "device": "cpu"}
	f.srv, err = New(ServerConf{
		Node: n, Namespace: serverNode, Params: rosParams(), Initial: initial, Apply: f.fake.apply,
		Logf: func(format string, args ...any) {
			f.logMu.Lock()
			defer f.logMu.Unlock()
			f.logs = append(f.logs, fmt.Sprintf(format, args...))
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.srv.Close) // runs before n.Close
	// A request may already be in flight: the fake node's copy is set under its lock.
	f.fake.mu.Lock()
	f.fake.values = f.srv.Current()
	f.fake.mu.Unlock()
	return f
}

// lastLog returns the newest log line, or "".
func (f *rosFixture) lastLog() string {
	f.logMu.Lock()
	defer f.logMu.Unlock()
	if len(f.logs) == 0 {
		return ""
	}
	return f.logs[len(f.logs)-1]
}

// run runs a command against the fixture's master and returns its stdout.
func (f *rosFixture) run(t *testing.T, cmd *exec.Cmd) string {
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

// client runs testdata/drclient.py and decodes its JSON line.
func (f *rosFixture) client(t *testing.T, args ...string) map[string]any {
	t.Helper()
	out := f.run(t, rostest.Python(append([]string{"testdata/drclient.py"}, args...)...))
	var m map[string]any
	if err := json.Unmarshal([]byte(lastLine(out)), &m); err != nil {
		t.Fatalf("drclient %v printed %q: %v", args, out, err)
	}
	return m
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// asJSON is m as JSON decodes it (numbers float64), to compare with the client's answers.
func asJSON(t *testing.T, m map[string]any) map[string]any {
	t.Helper()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func wantValues(t *testing.T, got map[string]any, want map[string]any) {
	t.Helper()
	got = asJSON(t, got)
	for k, v := range asJSON(t, want) {
		if got[k] != v {
			t.Errorf("%s = %v, want %v (all: %v)", k, got[k], v, got)
		}
	}
}

func TestServerWithDebianClient(t *testing.T) {
	f := startServer(t)
	node := serverNode

	t.Run("description", func(t *testing.T) {
		d := f.client(t, "descr", node)
		tree := d["tree"].(map[string]any)
		if tree["name"] != "Default" || tree["id"] != 0.0 || tree["parent"] != 0.0 || tree["type"] != "" {
			t.Errorf("root group %v", tree)
		}
		groups := tree["groups"].(map[string]any)
		align, _ := groups["align"].(map[string]any)
		preview, _ := groups["preview"].(map[string]any)
		if align == nil || preview == nil || align["id"] != 1.0 || preview["id"] != 2.0 || align["parent"] != 0.0 {
			t.Errorf("sub-groups %v", groups)
		}
		enum := d["enums"].(map[string]any)["mode"].(map[string]any)
		consts := enum["enum"].([]any)
		if len(consts) != 3 || consts[2].(map[string]any)["name"] != "Fine" || consts[2].(map[string]any)["value"] != 2.0 ||
			enum["enum_description"] != "how hard to try" {
			t.Errorf("mode's edit_method read back as %v", enum)
		}
		for _, p := range d["params"].([]any) {
			p := p.(map[string]any)
			if p["name"] == "jpeg_quality" && (p["min"] != 1.0 || p["max"] != 100.0 || p["default"] != 80.0 || p["type"] != "int") {
				t.Errorf("jpeg_quality described as %v", p)
			}
			if p["name"] == "device" && !strings.Contains(p["description"].(string), "restart-only") {
				t.Errorf("device's description %q does not say it is restart-only", p["description"])
			}
		}
	})

	t.Run("get", func(t *testing.T) {
		got := f.client(t, "get", node)
		wantValues(t, got, f.srv.Current())
		if len(got) != len(rosParams()) {
			t.Errorf("client sees %d values, want %d: %v", len(got), len(rosParams()), got)
		}
	})

	t.Run("update several", func(t *testing.T) {
		change := map[string]any{"jpeg_quality": 90, "smoothing": 0.5, "stretch": false, "token": "a&b<c>", "space": "disparity", "mode": "Fine"}
		got := f.client(t, "update", node, mustJSON(t, change))
		change["mode"] = 2 // the client turns the constant's name into its value
		wantValues(t, got, change)
		wantValues(t, got, f.srv.Current())
	})

	for _, c := range []struct {
		name, change, log string
	}{
		{"out of range", `{"jpeg_quality": 500, "width": 320}`, "jpeg_quality=500 is out of range [1, 100]"},
		{"apply refuses", `{"width": 700}`, "multiple of 7"},
		{"restart-only", `{"device": "cuda"}`, `device="cuda": restart-only`},
		{"not in enum", `{"space": "log"}`, `space="log": not one of`},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := f.srv.Current()
			got := f.client(t, "update", node, c.change)
			wantValues(t, got, before)
			wantValues(t, f.srv.Current(), before)
			if l := f.lastLog(); !strings.Contains(l, "refused") || !strings.Contains(l, c.log) {
				t.Errorf("log %q, want a refusal naming %q", l, c.log)
			}
		})
	}

	t.Run("unknown parameter", func(t *testing.T) {
		// The Python client refuses unknown names itself; a raw call reaches the server.
		before := f.srv.Current()
		got := f.client(t, "raw", node, `{"ints": {"bogus": 1, "width": 320}}`)
		wantValues(t, got, before)
		if l := f.lastLog(); !strings.Contains(l, "bogus: unknown parameter") {
			t.Errorf("log %q, want it to name bogus", l)
		}
	})

	// Debian's python3-dynamic-reconfigure ships no package.xml, and dynparam
	// starts with roslib.load_manifest('dynamic_reconfigure'): a minimal manifest
	// on ROS_PACKAGE_PATH lets the unmodified tool run.
	pkgPath := t.TempDir()
	if err := os.MkdirAll(pkgPath+"/dynamic_reconfigure", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pkgPath+"/dynamic_reconfigure/package.xml", []byte(dynparamManifest), 0o644); err != nil {
		t.Fatal(err)
	}
	dynparam := func(args ...string) *exec.Cmd {
		cmd := rostest.Python(append([]string{"/usr/lib/dynamic_reconfigure/dynparam"}, args...)...)
		cmd.Env = append(f.m.Env(os.Environ()), "ROS_PACKAGE_PATH="+pkgPath)
		return cmd
	}
	t.Run("dynparam", func(t *testing.T) {
		if out := f.run(t, dynparam("list")); !strings.Contains(out, node) {
			t.Errorf("dynparam list: %q lacks %s", out, node)
		}
		f.run(t, dynparam("set", node, "width", "320"))
		if w := f.srv.Current()["width"]; w != 320 {
			t.Errorf("after dynparam set width: %v", w)
		}
		f.run(t, dynparam("set", node, "{'smoothing': 0.25, 'stretch': true}"))
		if out := f.run(t, dynparam("get", node)); !strings.Contains(out, "'width': 320") || !strings.Contains(out, "'smoothing': 0.25") {
			t.Errorf("dynparam get: %q", out)
		}
	})

	t.Run("parameter_updates and parameter server", func(t *testing.T) {
		out := f.run(t, exec.Command("rostopic", "echo", "-n", "1", node+"/parameter_updates"))
		if !regexp.MustCompile(`name: "width"\s+value: 320`).MatchString(out) ||
			!regexp.MustCompile(`name: "smoothing"\s+value: 0\.25`).MatchString(out) {
			t.Errorf("parameter_updates:\n%s", out)
		}
		if v := strings.TrimSpace(f.run(t, exec.Command("rosparam", "get", node+"/width"))); v != "320" {
			t.Errorf("rosparam get width: %q", v)
		}
		// A string with XML's special characters reaches the parameter server intact.
		if v := strings.TrimSpace(f.run(t, exec.Command("rosparam", "get", node+"/token"))); v != "a&b<c>" {
			t.Errorf("rosparam get token: %q", v)
		}
	})

	t.Run("concurrent clients", func(t *testing.T) {
		// Start from a pair the hammer's check accepts: a request Apply refuses (a width that
		// is a multiple of 7) answers the configuration before it, which may be this one.
		if _, err := f.srv.Update(map[string]any{"width": 20, "jpeg_quality": 21}); err != nil {
			t.Fatal(err)
		}
		got := f.client(t, "hammer", node, "6")
		if errs := got["errors"].([]any); len(errs) != 0 {
			t.Errorf("client errors: %v", errs)
		}
		wantValues(t, got["final"].(map[string]any), f.srv.Current())
		if f.fake.overlaps.Load() != 0 {
			t.Errorf("Apply ran concurrently %d times", f.fake.overlaps.Load())
		}
	})

	t.Run("client gone mid-call", func(t *testing.T) {
		entered, release := make(chan struct{}), make(chan struct{})
		hook := func(changes map[string]any) {
			if changes["width"] == 999 {
				close(entered)
				select {
				case <-release:
				case <-time.After(30 * time.Second):
				}
			}
		}
		f.fake.hook.Store(&hook)
		defer f.fake.hook.Store(nil)
		cmd := rostest.Python("testdata/drclient.py", "update", node, `{"width": 999}`)
		cmd.Env = f.m.Env(os.Environ())
		p := rostest.Start(t, cmd)
		select {
		case <-entered:
		case <-time.After(60 * time.Second):
			t.Fatal("the request never reached Apply")
		}
		p.Signal(9) // SIGKILL: the connection drops while Apply runs
		if _, ok := p.Wait(10 * time.Second); !ok {
			t.Fatal("the killed client still runs")
		}
		close(release)
		got := f.client(t, "get", node)
		if got["width"] != 999.0 || f.srv.Current()["width"] != 999 {
			t.Errorf("after the client left: client sees width %v, server %v; want the applied 999", got["width"], f.srv.Current()["width"])
		}
		// And the server still answers.
		got = f.client(t, "update", node, `{"width": 512}`)
		if got["width"] != 512.0 {
			t.Errorf("next update: width %v", got["width"])
		}
	})

	t.Run("Update from the node", func(t *testing.T) {
		if _, err := f.srv.Update(map[string]any{"width": 5000}); !errors.Is(err, ErrRefused) {
			t.Errorf("out-of-range Update: %v", err)
		}
		cur, err := f.srv.Update(map[string]any{"width": 256})
		if err != nil || cur["width"] != 256 {
			t.Fatalf("Update: %v %v", cur, err)
		}
		if got := f.client(t, "get", node); got["width"] != 256.0 {
			t.Errorf("client sees width %v after Update", got["width"])
		}
	})
}

const dynparamManifest = `<?xml version="1.0"?>
<package format="2">
  <name>dynamic_reconfigure</name>
  <version>1.7.3</version>
  <description>Stand-in manifest for Debian's python3-dynamic-reconfigure.</description>
  <maintainer email="nobody@example.com">nobody</maintainer>
  <license>BSD</license>
</package>
`

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestNewRefusesBadConf(t *testing.T) {
	for _, c := range []struct {
		name string
		conf ServerConf
	}{
		{"no node", ServerConf{Namespace: "/a", Params: testParams(), Apply: (&fakeNode{}).apply}},
		{"relative namespace", ServerConf{Namespace: "a", Params: testParams(), Apply: (&fakeNode{}).apply}},
		{"trailing slash", ServerConf{Namespace: "/a/", Params: testParams(), Apply: (&fakeNode{}).apply}},
		{"root namespace", ServerConf{Namespace: "/", Params: testParams(), Apply: (&fakeNode{}).apply}},
		{"no Apply", ServerConf{Namespace: "/a", Params: testParams()}},
		{"bad parameter", ServerConf{Namespace: "/a", Params: []Param{{Name: "x", Type: Int, Default: 1.5}}, Apply: (&fakeNode{}).apply}},
		{"unknown initial", ServerConf{Namespace: "/a", Params: testParams(), Initial: map[string]any{"nope": 1}, Apply: (&fakeNode{}).apply}},
		{"initial of the wrong type", ServerConf{Namespace: "/a", Params: testParams(), Initial: map[string]any{"width": "wide"}, Apply: (&fakeNode{}).apply}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := New(c.conf); !errors.Is(err, ErrBadParams) {
				t.Fatalf("error %v, want ErrBadParams", err)
			}
		})
	}
}
