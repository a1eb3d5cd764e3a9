package rosnode

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/depthnode/depthnode/internal/logging"

	"github.com/depthnode/depthnode/internal/rosargs"
	"github.com/depthnode/depthnode/internal/rostest"
)

// lineLog keeps the lines it receives and also writes them to the test log.
type lineLog struct {
	t     *testing.T
	mu    sync.Mutex
	lines []string
}

func (l *lineLog) Printf(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	l.t.Log(s)
	l.mu.Lock()
	l.lines = append(l.lines, s)
	l.mu.Unlock()
}

func (l *lineLog) count(sub string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, s := range l.lines {
		if strings.Contains(s, sub) {
			n++
		}
	}
	return n
}

func connection(t *testing.T, uri string, args ...string) rosargs.Connection {
	t.Helper()
	a, err := rosargs.Parse(append([]string{"__master:=" + uri, "__ip:=127.0.0.1"}, args...))
	if err != nil {
		t.Fatal(err)
	}
	c, err := rosargs.NewConnection(a, func(string) string { return "" }, "probe")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestConnectRetriesWithoutMaster: no master listens, so Connect logs a
// line per attempt and returns ctx's error once ctx ends.
func TestConnectRetriesWithoutMaster(t *testing.T) {
	uri := fmt.Sprintf("http://127.0.0.1:%d/", rostest.FreePort(t))
	lg := &lineLog{t: t}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	ros, err := Connect(ctx, connection(t, uri), 100*time.Millisecond, logging.Printf(lg.Printf), nil)
	if ros != nil {
		ros.Close()
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the context's deadline", err)
	}
	if n := lg.count("cannot reach the ROS master at " + uri); n < 2 {
		t.Fatalf("%d retry lines, want at least 2", n)
	}
}

// TestConnectAndParamServer joins a real roscore and reads back parameters
// of every XML-RPC type with their types intact.
func TestConnectAndParamServer(t *testing.T) {
	m := rostest.StartMaster(t)
	lg := &lineLog{t: t}
	c := connection(t, m.URI, "__ns:=cams", "__name:=front")
	ros, err := Connect(context.Background(), c, 0, logging.Printf(lg.Printf), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ros.Close()
	if lg.count("cannot reach") != 0 {
		t.Errorf("retried although the master was up")
	}
	set := map[string]func(string) error{
		"i": func(k string) error { return ros.ParamSetInt(k, 7) },
		"f": func(k string) error { return ros.ParamSetFloat64(k, 0.5) },
		"b": func(k string) error { return ros.ParamSetBool(k, true) },
		"s": func(k string) error { return ros.ParamSetString(k, "10") },
	}
	for name, f := range set {
		if err := f(c.Names.Plain("~" + name)); err != nil {
			t.Fatalf("set ~%s: %v", name, err)
		}
	}
	ps := NewParamServer(c.MasterAddr, c.Names.FullNode())
	tests := []struct {
		name   string
		want   any
		wantOK bool
	}{
		{"i", 7, true},
		{"f", 0.5, true},
		{"b", true, true},
		{"s", "10", true},
		{"unset", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			key := c.Names.Plain("~" + tc.name)
			if key != "/cams/front/"+tc.name {
				t.Fatalf("key %q", key)
			}
			v, ok, err := ps.Get(key)
			if err != nil {
				t.Fatal(err)
			}
			if ok != tc.wantOK || v != tc.want {
				t.Fatalf("Get(%s) = %v (%T), %v; want %v (%T), %v", key, v, v, ok, tc.want, tc.want, tc.wantOK)
			}
		})
	}
}
