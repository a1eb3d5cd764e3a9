package rostest

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestMasterAnswersRosparam(t *testing.T) {
	m := StartMaster(t)
	cmd := Python("-c", "import rospy; rospy.set_param('/probe', 7); print(rospy.get_param('/probe'))")
	cmd.Env = m.Env(os.Environ())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("rospy against %s: %v\n%s", m.URI, err, out)
	}
	if strings.TrimSpace(string(out)) != "7" {
		t.Fatalf("rospy read back %q, want 7", out)
	}
}

func TestStopLeavesNoDescendants(t *testing.T) {
	// Like roslaunch's nodes, the sleep runs in a session of its own, out of
	// reach of a signal to the shell's process group.
	p := Start(t, exec.Command("bash", "-c", "setsid sleep 300 & wait"))
	var below []int
	for deadline := time.Now().Add(5 * time.Second); len(below) == 0 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
		below = descendants(p.Cmd.Process.Pid)
	}
	if len(below) == 0 {
		t.Fatalf("the shell started no child")
	}
	p.Stop()
	for _, pid := range below {
		// SIGKILL is delivered asynchronously: give the kernel a moment.
		for deadline := time.Now().Add(2 * time.Second); alive(pid) && time.Now().Before(deadline); {
			time.Sleep(10 * time.Millisecond)
		}
		if alive(pid) {
			t.Errorf("process %d started in its own session still runs after Stop", pid)
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}

// alive reports whether pid runs (a zombie, dead but not yet reaped, does not).
func alive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	return i >= 0 && !strings.HasPrefix(strings.TrimSpace(s[i+1:]), "Z")
}
