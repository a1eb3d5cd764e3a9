package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/depthnode/depthnode/internal/rostest"
)

// TestNoMasterRetriesThenInterrupt starts synthcam against a port where no
// master listens: it must say so and keep retrying, and SIGINT must end it
// with status 0.
func TestNoMasterRetriesThenInterrupt(t *testing.T) {
	bin := buildSynthcam(t)
	port := rostest.FreePort(t)
	cmd := exec.Command(bin, "-width", "32", "-height", "24")
	cmd.Env = append(os.Environ(), fmt.Sprintf("ROS_MASTER_URI=http://127.0.0.1:%d/", port), "ROS_NAMESPACE=")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	proc := rostest.Start(t, cmd)
	lines := bufio.NewScanner(stderr)
	found := false
	for lines.Scan() {
		if strings.Contains(lines.Text(), "cannot reach the ROS master") {
			found = true
			break
		}
	}
	if !found {
		t.Fatal("no retry line before synthcam's stderr closed")
	}
	proc.Signal(syscall.SIGINT)
	// Drain stderr so the process never blocks on a full pipe.
	go func() {
		for lines.Scan() {
		}
	}()
	err, ok := proc.Wait(20 * time.Second)
	if !ok {
		t.Fatal("synthcam still running 20 s after SIGINT")
	}
	if err != nil {
		t.Fatalf("exit after SIGINT: %v", err)
	}
}
