package rosnode

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/xmlrpc"

	"github.com/depthnode/depthnode/internal/rostest"
)

// roscoreOn starts roscore on port and waits until it answers getParam
// /run_id; Stop on the result is the master's crash.
func roscoreOn(t *testing.T, m *rostest.Master) *rostest.Process {
	t.Helper()
	cmd := exec.Command("roscore", "-p", strconv.Itoa(m.Port))
	cmd.Env = m.Env(os.Environ())
	p := rostest.Start(t, cmd)
	xc := xmlrpc.NewClient(fmt.Sprintf("127.0.0.1:%d", m.Port), &http.Client{Timeout: time.Second})
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) && !p.Exited() {
		if pollMaster(xc, "/probe").runID != "" {
			return p
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("roscore on port %d did not come up", m.Port)
	return nil
}

// chatter is a goroslib node with one publisher that the watchdog's
// handler rebuilds.
type chatter struct {
	addr string
	mu   sync.Mutex
	node *goroslib.Node
	pub  *goroslib.Publisher
}

func (c *chatter) build(t *testing.T) {
	deadline := time.Now().Add(20 * time.Second)
	for {
		n, err := goroslib.NewNode(goroslib.NodeConf{MasterAddress: c.addr, Name: "watched", Host: "127.0.0.1",
			LogDestinations: goroslib.LogDestinationCallback, OnLog: func(goroslib.LogLevel, string) {}})
		if err == nil {
			p, err := goroslib.NewPublisher(goroslib.PublisherConf{Node: n, Topic: "/chatter", Msg: &std_msgs.String{}})
			if err == nil {
				c.node, c.pub = n, p
				return
			}
			n.Close()
		}
		if time.Now().After(deadline) {
			t.Errorf("rebuild: %v", err)
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func (c *chatter) close() {
	if c.pub != nil {
		c.pub.Close()
		c.node.Close()
		c.pub, c.node = nil, nil
	}
}

func (c *chatter) write(i int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pub != nil {
		c.pub.Write(&std_msgs.String{Data: fmt.Sprintf("hello %d", i)})
	}
}

// TestWatchRebuildsAfterMasterRestart kills roscore twice and starts it
// again on the same port: the watchdog fires once per restart, and the
// rebuilt publisher reaches a subscriber that joined the new master.
func TestWatchRebuildsAfterMasterRestart(t *testing.T) {
	rostest.Require(t, "rostopic")
	port := rostest.FreePort(t)
	m := &rostest.Master{URI: fmt.Sprintf("http://127.0.0.1:%d/", port), Port: port, Home: t.TempDir()}
	core := roscoreOn(t, m)
	c := &chatter{addr: fmt.Sprintf("127.0.0.1:%d", port)}
	c.build(t)
	defer func() { c.mu.Lock(); c.close(); c.mu.Unlock() }()

	restarts := make(chan struct{}, 10)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		_ = Watch(ctx, c.addr, "/watched", 200*time.Millisecond, func() {
			c.mu.Lock()
			c.close()
			c.build(t)
			c.mu.Unlock()
			restarts <- struct{}{}
		})
	}()
	go func() {
		defer wg.Done()
		for i := 0; ctx.Err() == nil; i++ {
			c.write(i)
			time.Sleep(100 * time.Millisecond)
		}
	}()
	defer func() { cancel(); wg.Wait() }()

	time.Sleep(time.Second) // the watchdog learns the run_id and sees the node
	for round := 1; round <= 2; round++ {
		core.Stop()
		core = roscoreOn(t, m)
		select {
		case <-restarts:
		case <-time.After(30 * time.Second):
			t.Fatalf("restart %d: the watchdog did not fire", round)
		}
	}
	echo, stop := context.WithTimeout(context.Background(), 30*time.Second)
	defer stop()
	cmd := exec.CommandContext(echo, "rostopic", "echo", "-n", "1", "/chatter")
	cmd.Env = m.Env(os.Environ())
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "data: \"hello") {
		t.Fatalf("rostopic echo after the restarts: %v\n%s", err, out)
	}
	time.Sleep(time.Second) // five more polls
	if n := len(restarts); n != 0 {
		t.Fatalf("%d extra restart events", n)
	}
}
