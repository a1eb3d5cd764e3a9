package rostest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// Master is a running roscore on a free loopback port.
type Master struct {
	// URI is the master's XML-RPC address, as ROS_MASTER_URI takes it.
	URI string
	// Port is the TCP port roscore listens on.
	Port int
	// Home is a per-test ROS_HOME, so logs stay out of the user's ~/.ros.
	Home string
}

// StartMaster starts `roscore -p PORT` on a free port and stops it (and
// everything it started) when the test ends.
func StartMaster(t testing.TB) *Master {
	t.Helper()
	Require(t, "roscore")
	home := t.TempDir()
	for attempt := 0; attempt < 3; attempt++ {
		port := FreePort(t)
		m := &Master{URI: fmt.Sprintf("http://127.0.0.1:%d/", port), Port: port, Home: home}
		cmd := exec.Command("roscore", "-p", strconv.Itoa(port))
		cmd.Env = m.Env(os.Environ())
		logPath := filepath.Join(home, fmt.Sprintf("roscore-%d.log", port))
		if f, err := os.Create(logPath); err == nil {
			cmd.Stdout, cmd.Stderr = f, f
			t.Cleanup(func() { f.Close() })
		}
		p := Start(t, cmd)
		if waitTCP(fmt.Sprintf("127.0.0.1:%d", port), 20*time.Second, p) {
			return m
		}
		p.Stop()
		out, _ := os.ReadFile(logPath)
		t.Logf("roscore on port %d did not come up (retrying):\n%s", port, out)
	}
	t.Fatalf("roscore did not start")
	return nil
}

// Env returns base with the ROS variables that point at this master added
// (ROS_MASTER_URI, ROS_HOME, ROS_LOG_DIR, ROS_IP) and PYTHONPATH/ROS_NAMESPACE removed.
func (m *Master) Env(base []string) []string {
	env := make([]string, 0, len(base)+4)
	for _, kv := range base {
		switch key(kv) {
		case "ROS_MASTER_URI", "ROS_HOME", "ROS_LOG_DIR", "ROS_IP", "ROS_HOSTNAME", "ROS_NAMESPACE", "PYTHONPATH", "PYTHONHOME":
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"ROS_MASTER_URI="+m.URI,
		"ROS_HOME="+m.Home,
		"ROS_LOG_DIR="+filepath.Join(m.Home, "log"),
		"ROS_IP=127.0.0.1",
	)
}

func key(kv string) string {
	for i := 0; i < len(kv); i++ {
		if kv[i] == '=' {
			return kv[:i]
		}
	}
	return kv
}

// FreePort returns a TCP port that was free on 127.0.0.1 a moment ago, for
// programs (roscore) that cannot be told to listen on port 0.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func waitTCP(addr string, timeout time.Duration, p *Process) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if p.Exited() {
			return false
		}
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return true
		}
		time.Sleep(100 * time.Millisecond)
	}
	return false
}
