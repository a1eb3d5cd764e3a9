package main

import (
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/depthnode/depthnode/internal/rostest"
)

// TestRosnodeKill stops the node with Debian's `rosnode kill`, as ROS users do: like a roscpp
// node it must say why, unregister and exit 0 rather than idle with a dead ROS connection.
func TestRosnodeKill(t *testing.T) {
	m := rostest.StartMaster(t)
	var out rostest.Output
	cmd := exec.Command(depthnodeBinary(t), "_depth_model:="+fixture(t, "depth_mean.onnx"), "_device:=cpu",
		"_preview_addr:=", "__name:=killme")
	cmd.Env = env(m, "ROS_IP=127.0.0.1", "ROS_HOME="+t.TempDir())
	cmd.Stdout, cmd.Stderr = &out, &out
	proc := rostest.Start(t, cmd)
	p := peer(t, m.Port)
	registered := func() bool {
		nodes, err := p.MasterGetNodes()
		_, ok := nodes["/killme"]
		return err == nil && ok
	}
	eventually(t, "registration of /killme", registered)
	roundTrip(t, p, "/image", "/depth/relative")

	m.RosnodeKill(t, "/killme")
	err, ok := proc.Wait(30 * time.Second)
	if !ok {
		t.Fatalf("still running 30 s after rosnode kill:\n%s", out.String())
	}
	if err != nil {
		t.Fatalf("exit after rosnode kill: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "shutting down: the ROS master or another node asked (rosnode kill)") {
		t.Errorf("no line saying why it stopped:\n%s", out.String())
	}
	if registered() {
		t.Errorf("/killme still registered after exit")
	}
}
