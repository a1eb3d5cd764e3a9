package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/depthnode/depthnode/internal/rostest"
)

// TestRosnodeKill stops synthcam with Debian's `rosnode kill`: it must exit 0, not keep
// rendering with a dead ROS connection.
func TestRosnodeKill(t *testing.T) {
	bin := buildSynthcam(t)
	m := rostest.StartMaster(t)
	cmd := exec.Command(bin, "-width", "32", "-height", "24", "__name:=killme")
	cmd.Env = m.Env(append(os.Environ(), "ROS_NAMESPACE=", "ROS_IP=127.0.0.1"))
	var out rostest.Output
	cmd.Stdout, cmd.Stderr = &out, &out
	proc := rostest.Start(t, cmd)
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(out.String(), "publishing") {
		if time.Now().After(deadline) {
			t.Fatalf("synthcam never started publishing:\n%s", out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	m.RosnodeKill(t, "/killme")
	err, ok := proc.Wait(30 * time.Second)
	if !ok {
		t.Fatalf("synthcam still running 30 s after rosnode kill:\n%s", out.String())
	}
	if err != nil {
		t.Fatalf("exit after rosnode kill: %v\n%s", err, out.String())
	}
}
