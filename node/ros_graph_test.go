package node

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"

	"github.com/depthnode/depthnode/internal/rosnode"
	"github.com/depthnode/depthnode/internal/rostest"
)

// roscoreAt starts roscore on m's port and waits until it answers /run_id; Stop on the result
// is the master's crash.
func roscoreAt(t *testing.T, m *rostest.Master) *rostest.Process {
	t.Helper()
	cmd := exec.Command("roscore", "-p", strconv.Itoa(m.Port))
	cmd.Env = m.Env(os.Environ())
	p := rostest.Start(t, cmd)
	ps := rosnode.NewParamServer(fmt.Sprintf("127.0.0.1:%d", m.Port), "/probe")
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline) && !p.Exited(); time.Sleep(100 * time.Millisecond) {
		if _, ok, err := ps.Get("/run_id"); err == nil && ok {
			return p
		}
	}
	t.Fatalf("roscore on port %d did not come up", m.Port)
	return nil
}

// newNode starts a node in-process with cfg's extras and closes it at cleanup.
func newNode(t *testing.T, m *rostest.Master, cfg Config, args ...string) (*Node, *testLog) {
	t.Helper()
	a, err := ParseArgs(args)
	if err != nil {
		t.Fatal(err)
	}
	lg := &testLog{t: t}
	cfg.Args, cfg.Getenv, cfg.Log = a, masterEnv(m, nil), lg.logger()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	n, err := New(ctx, cfg)
	if err != nil {
		t.Fatalf("start node: %v", err)
	}
	t.Cleanup(func() {
		if err := n.Close(); err != nil {
			t.Errorf("close node: %v", err)
		}
		lg.done.Store(true)
	})
	return n, lg
}

// TestMasterRestartReregisters kills roscore and starts it again on the same port: the node
// notices, registers its topics again (keeping its model) and its outputs and /diagnostics
// reach a subscriber that joined the new master; ~params from the command line are back. With
// two cameras, both cameras' topics come back.
func TestMasterRestartReregisters(t *testing.T) {
	for _, c := range []struct {
		name    string
		args    []string
		cameras []string // topic prefixes
	}{
		{"one camera", nil, []string{""}},
		{"two cameras", []string{"_cameras:=front rear"}, []string{"/front", "/rear"}},
	} {
		t.Run(c.name, func(t *testing.T) { masterRestart(t, c.args, c.cameras) })
	}
}

func masterRestart(t *testing.T, extra, cameras []string) {
	port := rostest.FreePort(t)
	m := &rostest.Master{URI: fmt.Sprintf("http://127.0.0.1:%d/", port), Port: port, Home: t.TempDir()}
	core := roscoreAt(t, m)
	n, lg := newNode(t, m, Config{WatchInterval: 200 * time.Millisecond}, append([]string{
		"_depth_model:=" + fixture(t, "depth_mean.onnx"), "_processing_res:=0", "_preview_addr:=", "_jpeg_quality:=55"}, extra...)...)
	model := n.model

	check := func(round int) {
		peer, err := goroslib.NewNode(goroslib.NodeConf{Name: fmt.Sprintf("restart_peer_%d", round),
			MasterAddress: fmt.Sprintf("127.0.0.1:%d", port), Host: "127.0.0.1"})
		if err != nil {
			t.Fatal(err)
		}
		defer peer.Close()
		diag := make(chan struct{}, 1)
		dsub, err := goroslib.NewSubscriber(goroslib.SubscriberConf{Node: peer, Topic: "/diagnostics", Callback: func(*diagnostic_msgs.DiagnosticArray) {
			select {
			case diag <- struct{}{}:
			default:
			}
		}})
		if err != nil {
			t.Fatal(err)
		}
		defer dsub.Close()
		for i, cam := range cameras {
			out := make(chan *sensor_msgs.Image, 4)
			sub, err := goroslib.NewSubscriber(goroslib.SubscriberConf{Node: peer, Topic: cam + "/depth/relative", Callback: func(m *sensor_msgs.Image) {
				select {
				case out <- m:
				default:
				}
			}})
			if err != nil {
				t.Fatal(err)
			}
			defer sub.Close()
			pub, err := goroslib.NewPublisher(goroslib.PublisherConf{Node: peer, Topic: cam + "/image", Msg: &sensor_msgs.Image{}})
			if err != nil {
				t.Fatal(err)
			}
			defer pub.Close()
			stamp := time.Unix(int64(500+10*round+i), 0)
			img, _ := testImage(8, 6, 0, stamp, "cam")
			untilOutput(t, pub, img, out, stamp)
		}
		select {
		case <-diag:
		case <-time.After(30 * time.Second):
			t.Fatalf("round %d: no /diagnostics", round)
		}
	}
	check(0)
	for round := 1; round <= 2; round++ {
		core.Stop()
		core = roscoreAt(t, m)
		eventually(t, "re-registration", func() bool {
			return strings.Count(strings.Join(lg.snapshot(), "\n"), "registered again with the ROS master") >= round
		})
		check(round)
		v, ok, err := rosnode.NewParamServer(fmt.Sprintf("127.0.0.1:%d", port), "/probe").Get("/depthnode/jpeg_quality")
		if err != nil || !ok || v != 55 {
			t.Fatalf("round %d: ~jpeg_quality on the new master = %v, %v, %v", round, v, ok, err)
		}
	}
	if n.model != model {
		t.Fatal("the model was reopened")
	}
}

// TestOversizeInputIsExplained: goroslib drops a 3840x2160 rgb8 frame (23.7 MiB, over its
// 16 MiB limit) without a word; the node probes the quiet topic, logs why, counts it and says it
// in /diagnostics.
func TestOversizeInputIsExplained(t *testing.T) {
	if testing.Short() {
		t.Skip("publishes 24 MB frames")
	}
	m := rostest.StartMaster(t)
	n, lg := startNode(t, m, "_depth_model:="+fixture(t, "depth_mean.onnx"), "_processing_res:=0", "_preview_addr:=")
	if !lg.contains("raw images over 16 MiB never arrive") {
		t.Error("no start-up line about goroslib's limit")
	}
	peer := newPeer(t, m)
	diag := subscribe[diagnostic_msgs.DiagnosticArray](t, peer, "/diagnostics")
	const w, h = 3840, 2160
	big := &sensor_msgs.Image{Header: std_msgs.Header{Stamp: time.Unix(9, 0)}, Width: w, Height: h, Encoding: "rgb8", Step: 3 * w, Data: make([]byte, 3*w*h)}
	keepPublishingEvery(t, publisher[sensor_msgs.Image](t, peer, "/image"), big, 500*time.Millisecond)
	a := recv(t, diag, "a WARN naming goroslib's limit", func(a *diagnostic_msgs.DiagnosticArray) bool {
		return len(a.Status) > 0 && a.Status[0].Level == diagnostic_msgs.DiagnosticStatus_WARN && strings.Contains(a.Status[0].Message, "16 MiB limit")
	})
	t.Logf("diagnostics: %s", a.Status[0].Message)
	if st := n.Stats(); st.Received != 0 || st.Bad["oversize"] != 1 {
		t.Fatalf("received %d, oversize %d; want 0 and 1 (one probe per quiet period)", st.Received, st.Bad["oversize"])
	}
	if !lg.contains("a message over goroslib's 16 MiB limit was refused on /image") {
		t.Fatal("no log line explaining the refusal")
	}
}

func keepPublishingEvery(t *testing.T, p *goroslib.Publisher, msg any, every time.Duration) {
	t.Helper()
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		tk := time.NewTicker(every)
		defer tk.Stop()
		for {
			p.Write(msg)
			select {
			case <-stop:
				return
			case <-tk.C:
			}
		}
	}()
	t.Cleanup(func() { close(stop); <-done })
}

// TestPreviewTokenOffTheParameterServer: _preview_token:= is not written back (other
// parameters are), ~preview_token_file supplies the token, a token found on the server works
// with a warning, and setting both is refused.
func TestPreviewTokenOffTheParameterServer(t *testing.T) {
	m := rostest.StartMaster(t)
	addr := fmt.Sprintf("127.0.0.1:%d", m.Port)
	ps := rosnode.NewParamServer(addr, "/probe")
	depth := "_depth_model:=" + fixture(t, "depth_mean.onnx")

	t.Run("command line", func(t *testing.T) {
		newNode(t, m, Config{}, depth, "__name:=tok_args", "_preview_addr:=", "_preview_token:=s3cret")
		if _, ok, err := ps.Get("/tok_args/preview_token"); err != nil || ok {
			t.Fatalf("~preview_token on the server: %v, %v", ok, err)
		}
		if _, ok, _ := ps.Get("/tok_args/preview_addr"); !ok {
			t.Fatal("other parameters are no longer written back")
		}
	})
	t.Run("file", func(t *testing.T) {
		f := filepath.Join(t.TempDir(), "token")
		if err := os.WriteFile(f, []byte("fr0m-file\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		n, _ := newNode(t, m, Config{}, depth, "__name:=tok_file", "_preview_addr:=", "_preview_token_file:="+f)
		if n.Params().PreviewToken != "fr0m-file" {
			t.Fatalf("token %q", n.Params().PreviewToken)
		}
		if _, ok, _ := ps.Get("/tok_file/preview_token"); ok {
			t.Fatal("the file's token went to the server")
		}
	})
	t.Run("server", func(t *testing.T) {
		peer := newPeer(t, m)
		if err := peer.ParamSetString("/tok_server/preview_token", "on-server"); err != nil {
			t.Fatal(err)
		}
		n, lg := newNode(t, m, Config{}, depth, "__name:=tok_server", "_preview_addr:=")
		if n.Params().PreviewToken != "on-server" || !lg.contains("anyone on the ROS graph can read it") {
			t.Fatalf("token %q; warning logged: %v", n.Params().PreviewToken, lg.contains("anyone on the ROS graph"))
		}
	})
	t.Run("both", func(t *testing.T) {
		a, _ := ParseArgs([]string{depth, "__name:=tok_both", "_preview_addr:=", "_preview_token:=x", "_preview_token_file:=/nonexistent"})
		n, err := New(t.Context(), Config{Args: a, Getenv: masterEnv(m, nil)})
		if err == nil {
			n.Close()
		}
		if !errors.Is(err, ErrBadParam) || !strings.Contains(err.Error(), "preview_token_file") {
			t.Fatalf("err = %v", err)
		}
	})
}

// TestNameTakenSaysSo: a second node registering the node's name makes the master shut it
// down; the node says another node took the name, not "rosnode kill", and Run returns.
func TestNameTakenSaysSo(t *testing.T) {
	m := rostest.StartMaster(t)
	a, err := ParseArgs([]string{"_depth_model:=" + fixture(t, "depth_mean.onnx"), "_preview_addr:=", "__name:=taken"})
	if err != nil {
		t.Fatal(err)
	}
	lg := &testLog{t: t}
	defer lg.done.Store(true)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- Run(ctx, Config{Args: a, Getenv: masterEnv(m, nil), Log: lg.logger()}) }()
	eventually(t, "the node's start", func() bool { return lg.contains("listening on /image") })
	other, err := goroslib.NewNode(goroslib.NodeConf{Name: "taken", MasterAddress: fmt.Sprintf("127.0.0.1:%d", m.Port), Host: "127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the node did not stop when another took its name")
	}
	if !lg.contains("another node took the name /taken") || lg.contains("rosnode kill") {
		t.Fatal("the log does not say another node took the name")
	}
}
