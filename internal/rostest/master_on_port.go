package rostest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// StartMasterOn starts `roscore -p port` on a port chosen earlier (a test
// whose program must first find no master there), and stops it when the
// test ends.
func StartMasterOn(t testing.TB, port int) *Master {
	t.Helper()
	Require(t, "roscore")
	home := t.TempDir()
	m := &Master{URI: fmt.Sprintf("http://127.0.0.1:%d/", port), Port: port, Home: home}
	cmd := exec.Command("roscore", "-p", strconv.Itoa(port))
	cmd.Env = m.Env(os.Environ())
	logPath := filepath.Join(home, "roscore.log")
	if f, err := os.Create(logPath); err == nil {
		cmd.Stdout, cmd.Stderr = f, f
		t.Cleanup(func() { f.Close() })
	}
	p := Start(t, cmd)
	if !waitTCP(fmt.Sprintf("127.0.0.1:%d", port), 20*time.Second, p) {
		out, _ := os.ReadFile(logPath)
		t.Fatalf("roscore on port %d did not come up:\n%s", port, out)
	}
	return m
}
