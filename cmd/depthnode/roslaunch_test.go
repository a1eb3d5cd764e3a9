package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/depthnode/depthnode/internal/rostest"
)

// copyFile copies src to dst with mode.
func copyFile(t *testing.T, src, dst string, mode os.FileMode) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, mode); err != nil {
		t.Fatal(err)
	}
}

// TestRoslaunch starts the node the way users do: Debian's roslaunch with
// the repository's launch/depthnode.launch (a namespace group, remaps,
// typed <param>s, __name:= and __log:=), then stops it with roslaunch's
// own SIGINT and expects a clean exit.
func TestRoslaunch(t *testing.T) {
	rostest.Require(t, "roslaunch")
	m := rostest.StartMaster(t)
	// roslaunch drops empty name:= arguments, so the launch file's own
	// normals_model default (the depth model) applies: use the combined one.
	// A package folder as roslaunch looks for it: package.xml, the launch
	// file, and the binary anywhere inside.
	pkg := filepath.Join(t.TempDir(), "depthnode")
	copyFile(t, "../../package.xml", filepath.Join(pkg, "package.xml"), 0o644)
	copyFile(t, "../../launch/depthnode.launch", filepath.Join(pkg, "launch", "depthnode.launch"), 0o644)
	copyFile(t, depthnodeBinary(t), filepath.Join(pkg, "bin", "depthnode"), 0o755)

	var out rostest.Output
	cmd := exec.Command("roslaunch", "--wait", filepath.Join(pkg, "launch", "depthnode.launch"),
		"camera:=cam", "image:=image_raw", "depth_model:="+fixture(t, "both.onnx"),
		"device:=cpu", "preview_addr:=127.0.0.1:0", "processing_res:=0")
	cmd.Env = env(m, "ROS_PACKAGE_PATH="+filepath.Dir(pkg))
	cmd.Stdout, cmd.Stderr = &out, &out
	proc := rostest.Start(t, cmd)

	p := peer(t, m.Port)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("roslaunch output:\n%s", out.String())
		}
	})
	d := roundTrip(t, p, "/cam/image_raw", "/cam/depth/relative")
	if d.Width != 32 || d.Height != 24 || d.Encoding != "32FC1" {
		t.Fatalf("output %dx%d %s", d.Width, d.Height, d.Encoding)
	}
	proc.Signal(syscall.SIGINT)
	if _, ok := proc.Wait(60 * time.Second); !ok {
		t.Fatalf("roslaunch did not end after SIGINT:\n%s", out.String())
	}
	// roslaunch sends SIGINT and escalates to SIGTERM only when a node is
	// still running 15 s later; a node that crashed is reported as died.
	if s := out.String(); strings.Contains(s, "escalating to SIGTERM") || strings.Contains(s, "process has died") {
		t.Fatalf("the node did not exit cleanly under roslaunch:\n%s", s)
	}
	if !logHasCleanExit(t, m.Home) {
		t.Fatalf("roslaunch's log does not show the node ending with 0 on SIGINT:\n%s", out.String())
	}
}

// logHasCleanExit looks in roslaunch's log for the node ending with status 0 on its SIGINT.
func logHasCleanExit(t *testing.T, home string) bool {
	t.Helper()
	var found bool
	_ = filepath.Walk(filepath.Join(home, "log"), func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasPrefix(filepath.Base(path), "roslaunch-") {
			return nil
		}
		b, _ := os.ReadFile(path)
		for _, line := range strings.Split(string(b), "\n") {
			if strings.Contains(line, "depthnode") && strings.Contains(line, "SIGINT killed with return value 0") {
				found = true
			}
		}
		return nil
	})
	return found
}
