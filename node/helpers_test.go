package node

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2"

	"github.com/depthnode/depthnode/internal/logging"
	"github.com/depthnode/depthnode/internal/rostest"
)

// testLog forwards node lines to t.Log and keeps them for assertions.
type testLog struct {
	t     testing.TB
	mu    sync.Mutex
	lines []string
	done  atomic.Bool
}

func (l *testLog) Printf(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	l.mu.Lock()
	l.lines = append(l.lines, s)
	l.mu.Unlock()
	if !l.done.Load() {
		l.t.Log(s)
	}
}

// logger is a node logger writing to l.
func (l *testLog) logger() *slog.Logger { return logging.Printf(l.Printf) }

// snapshot is a copy of the lines so far.
func (l *testLog) snapshot() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.lines...)
}

func (l *testLog) contains(sub string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, s := range l.lines {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func fixture(t testing.TB, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "testdata", "models", name))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("fixture model %s: %v (make fixtures)", name, err)
	}
	return p
}

// masterEnv is the environment a node sees when started against m.
func masterEnv(m *rostest.Master, extra map[string]string) func(string) string {
	return func(k string) string {
		if v, ok := extra[k]; ok {
			return v
		}
		switch k {
		case "ROS_MASTER_URI":
			return m.URI
		case "ROS_IP":
			return "127.0.0.1"
		}
		return ""
	}
}

// startNode runs the node in-process against m with ROS-style args and
// closes it at cleanup.
func startNode(t testing.TB, m *rostest.Master, args ...string) (*Node, *testLog) {
	t.Helper()
	return startNodeWith(t, m, nil, args...)
}

// startNodeWith is startNode with extra output stages.
func startNodeWith(t testing.TB, m *rostest.Master, stages []StageFactory, args ...string) (*Node, *testLog) {
	t.Helper()
	a, err := ParseArgs(args)
	if err != nil {
		t.Fatal(err)
	}
	lg := &testLog{t: t}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	n, err := New(ctx, Config{Args: a, Getenv: masterEnv(m, nil), Log: lg.logger(), Stages: stages})
	if err != nil {
		t.Fatalf("start node: %v", err)
	}
	t.Cleanup(func() {
		if err := n.Close(); err != nil {
			t.Errorf("close node: %v", err)
		}
		lg.done.Store(true)
	})
	return n, lg
}

var peerSeq atomic.Int64

// newPeer is a goroslib node of the test's own, a real ROS peer that
// publishes inputs and subscribes to outputs over TCPROS.
func newPeer(t testing.TB, m *rostest.Master) *goroslib.Node {
	t.Helper()
	p, err := goroslib.NewNode(goroslib.NodeConf{
		Name:          fmt.Sprintf("test_peer_%d_%d", os.Getpid(), peerSeq.Add(1)),
		MasterAddress: strings.TrimSuffix(strings.TrimPrefix(m.URI, "http://"), "/"),
		Host:          "127.0.0.1",
	})
	if err != nil {
		t.Fatalf("test peer: %v", err)
	}
	t.Cleanup(p.Close)
	return p
}

// recv waits for a value on ch that satisfies ok, up to a generous deadline
// (a hang guard, not a timing assertion).
func recv[T any](t testing.TB, ch <-chan T, what string, ok func(T) bool) T {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		select {
		case v := <-ch:
			if ok == nil || ok(v) {
				return v
			}
		case <-deadline:
			t.Fatalf("no %s within 60 s", what)
		}
	}
}

// eventually polls cond until it holds (hang guard of 60 s).
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s did not happen within 60 s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func timeOf(sec, nsec int64) time.Time { return time.Unix(sec, nsec) }

func contextWithCancel(t testing.TB) (context.Context, context.CancelFunc) {
	return context.WithCancel(t.Context())
}
