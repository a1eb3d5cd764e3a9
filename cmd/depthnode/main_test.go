package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"

	"github.com/depthnode/depthnode/internal/rostest"
)

// binPath is the depthnode binary built once for all tests.
var binPath string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "depthnode-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binPath, err = rostest.BuildBinaryIn(dir, ".", "depthnode")
	code := 1
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
	} else {
		code = m.Run()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

func depthnodeBinary(t *testing.T) string {
	t.Helper()
	return binPath
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "testdata", "models", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// env is the child's environment: the master's, plus extra KEY=VALUE.
func env(m *rostest.Master, extra ...string) []string {
	base := os.Environ()
	if m != nil {
		base = m.Env(base)
	}
	return append(base, extra...)
}

func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s did not happen within 60 s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func peer(t *testing.T, masterPort int) *goroslib.Node {
	t.Helper()
	n, err := goroslib.NewNode(goroslib.NodeConf{
		Name:          fmt.Sprintf("bin_test_peer_%d", time.Now().UnixNano()),
		MasterAddress: fmt.Sprintf("127.0.0.1:%d", masterPort),
		Host:          "127.0.0.1",
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(n.Close)
	return n
}

// roundTrip publishes a 32x24 mono8 image on in until an output with its
// stamp arrives on out.
func roundTrip(t *testing.T, p *goroslib.Node, in, out string) *sensor_msgs.Image {
	t.Helper()
	got := make(chan *sensor_msgs.Image, 8)
	sub, err := goroslib.NewSubscriber(goroslib.SubscriberConf{Node: p, Topic: out, Callback: func(m *sensor_msgs.Image) {
		select {
		case got <- m:
		default:
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Close()
	pub, err := goroslib.NewPublisher(goroslib.PublisherConf{Node: p, Topic: in, Msg: &sensor_msgs.Image{}})
	if err != nil {
		t.Fatal(err)
	}
	defer pub.Close()
	stamp := time.Unix(4242, 42)
	data := make([]byte, 32*24)
	for i := range data {
		data[i] = byte(i)
	}
	msg := &sensor_msgs.Image{Header: std_msgs.Header{Stamp: stamp, FrameId: "bin"}, Width: 32, Height: 24, Encoding: "mono8", Step: 32, Data: data}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		pub.Write(msg)
		select {
		case m := <-got:
			if m.Header.Stamp.Equal(stamp) {
				return m
			}
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatalf("no output on %s for input on %s", out, in)
	return nil
}

func TestHelp(t *testing.T) {
	for _, flag := range []string{"-h", "--help"} {
		t.Run(flag, func(t *testing.T) {
			out, err := exec.Command(depthnodeBinary(t), flag).CombinedOutput()
			if err != nil {
				t.Fatalf("%s: %v\n%s", flag, err, out)
			}
			for _, want := range []string{"depth/relative", "normals/image", "image/compressed", "~processing_res", "~preview_addr", "__ns:=", "ROS_MASTER_URI"} {
				if !strings.Contains(string(out), want) {
					t.Fatalf("-h output lacks %q:\n%s", want, out)
				}
			}
		})
	}
}

func TestBadParametersExitWithOneLine(t *testing.T) {
	m := rostest.StartMaster(t)
	set := rostest.Python("-c", "import rospy; rospy.set_param('/depthnode/device', 'gpu')")
	set.Env = env(m)
	if out, err := set.CombinedOutput(); err != nil {
		t.Fatalf("rosparam: %v\n%s", err, out)
	}
	tests := []struct {
		name   string
		args   []string
		naming string
	}{
		{"command line", []string{"_depth_model:=x.onnx", "_device:=cpu", "_processing_res:=abc"}, "~processing_res"},
		// A real model: a missing one is refused before the master is asked.
		{"parameter server", []string{"_depth_model:=" + fixture(t, "depth_mean.onnx")}, "~device"},
		{"unknown parameter", []string{"_depth_modle:=x.onnx"}, "~depth_modle"},
		{"stray argument", []string{"image"}, `"image"`},
		{"bad master URI", []string{"__master:=localhost:11311"}, "__master"},
		// Checked before the master is reached: this one has none to wait for.
		{"typo without a master", []string{"__master:=http://127.0.0.1:1/", "_procesing_res:=1"}, "~procesing_res"},
		{"missing model file", []string{"_depth_model:=/nonexistent.onnx", "_device:=cpu"}, "/nonexistent.onnx"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(depthnodeBinary(t), tc.args...)
			cmd.Env = env(m)
			out, err := cmd.CombinedOutput()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() == 0 {
				t.Fatalf("want a non-zero exit, got %v\n%s", err, out)
			}
			if !strings.Contains(string(out), tc.naming) {
				t.Fatalf("error does not name %s:\n%s", tc.naming, out)
			}
		})
	}
}

// TestNoMasterThenMasterThenSIGINT starts the binary before its master:
// it must say so and retry, then work once roscore is up, and on SIGINT
// unregister and exit 0.
func TestNoMasterThenMasterThenSIGINT(t *testing.T) {
	port := rostest.FreePort(t)
	uri := fmt.Sprintf("http://127.0.0.1:%d/", port)
	var out rostest.Output
	cmd := exec.Command(depthnodeBinary(t), "_depth_model:="+fixture(t, "depth_mean.onnx"), "_device:=cpu",
		"_preview_addr:=", "__name:=front", "image:=/camera/image_raw", "__log:=/tmp/ignored.log")
	cmd.Env = env(nil, "ROS_MASTER_URI="+uri, "ROS_IP=127.0.0.1", "ROS_NAMESPACE=robot/", "ROS_HOME="+t.TempDir())
	cmd.Stdout, cmd.Stderr = &out, &out
	proc := rostest.Start(t, cmd)
	eventually(t, "a log line about the missing master", func() bool {
		return strings.Contains(out.String(), "cannot reach the ROS master at "+uri)
	})

	m := rostest.StartMasterOn(t, port)
	p := peer(t, m.Port)
	eventually(t, "registration of /robot/front", func() bool {
		nodes, err := p.MasterGetNodes()
		_, ok := nodes["/robot/front"]
		return err == nil && ok
	})
	d := roundTrip(t, p, "/camera/image_raw", "/robot/depth/relative")
	if d.Width != 32 || d.Height != 24 || d.Encoding != "32FC1" || d.Header.FrameId != "bin" {
		t.Fatalf("output %dx%d %s %q", d.Width, d.Height, d.Encoding, d.Header.FrameId)
	}

	start := time.Now()
	proc.Signal(syscall.SIGINT)
	err, ok := proc.Wait(30 * time.Second)
	if !ok {
		t.Fatalf("no exit within 30 s of SIGINT:\n%s", out.String())
	}
	t.Logf("exited %v after SIGINT", time.Since(start).Round(time.Millisecond))
	if err != nil {
		t.Fatalf("exit after SIGINT: %v\n%s", err, out.String())
	}
	nodes, err := p.MasterGetNodes()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := nodes["/robot/front"]; ok {
		t.Fatalf("/robot/front still registered after exit")
	}
}

// TestParameterServerAndOverride reads ~params from the server, lets the
// command line override them, and resolves names in __ns:=.
func TestParameterServerAndOverride(t *testing.T) {
	m := rostest.StartMaster(t)
	set := rostest.Python("-c", fmt.Sprintf(`import rospy
rospy.set_param('/cams/left/depth/depth_model', %q)
rospy.set_param('/cams/left/depth/processing_res', 16)
rospy.set_param('/cams/left/depth/device', 'cuda:7')
rospy.set_param('/cams/left/depth/preview_addr', '')
rospy.set_param('/cams/left/depth/align_smoothing', 0)`, fixture(t, "depth_mean.onnx")))
	set.Env = env(m)
	if out, err := set.CombinedOutput(); err != nil {
		t.Fatalf("rosparam: %v\n%s", err, out)
	}
	var out rostest.Output
	cmd := exec.Command(depthnodeBinary(t), "__ns:=/cams/left", "__name:=depth", "_device:=cpu")
	cmd.Env = env(m, "ROS_NAMESPACE=/ignored")
	cmd.Stdout, cmd.Stderr = &out, &out
	proc := rostest.Start(t, cmd)
	p := peer(t, m.Port)
	// processing_res 16 from the server; the output is back at input size.
	d := roundTrip(t, p, "/cams/left/image", "/cams/left/depth/relative")
	if d.Width != 32 || d.Height != 24 {
		t.Fatalf("output %dx%d", d.Width, d.Height)
	}
	if !strings.Contains(out.String(), "processing_res 16") || !strings.Contains(out.String(), "on cpu") {
		t.Fatalf("server parameter or command-line override not applied:\n%s", out.String())
	}
	// _device:=cpu is written back to the server, as roscpp does.
	get := rostest.Python("-c", "import rospy; print(rospy.get_param('/cams/left/depth/device'))")
	get.Env = env(m)
	if b, err := get.CombinedOutput(); err != nil || strings.TrimSpace(string(b)) != "cpu" {
		t.Fatalf("~device on the server after _device:=cpu: %q, %v", b, err)
	}
	// systemd and docker stop with SIGTERM: the same clean exit.
	proc.Signal(syscall.SIGTERM)
	if err, ok := proc.Wait(30 * time.Second); !ok || err != nil {
		t.Fatalf("after SIGTERM: exited %v, err %v\n%s", ok, err, out.String())
	}
}
