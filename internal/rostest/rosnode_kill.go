package rostest

import (
	"os"
	"os/exec"
	"testing"
)

// RosnodeKill asks the node named name to shut down with Debian's `rosnode kill`, as a ROS user
// would, and fails the test if the tool reports an error.
func (m *Master) RosnodeKill(t testing.TB, name string) {
	t.Helper()
	cmd := exec.Command("rosnode", "kill", name)
	cmd.Env = m.Env(append(os.Environ(), "ROS_HOME="+t.TempDir()))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("rosnode kill %s: %v\n%s", name, err, out)
	}
}
