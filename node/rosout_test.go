package node

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/rosgraph_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"

	"github.com/depthnode/depthnode/internal/logging"
	"github.com/depthnode/depthnode/internal/ratelog"
	"github.com/depthnode/depthnode/internal/rostest"
)

func TestRosoutLevelsAndPrefixes(t *testing.T) {
	m := rostest.StartMaster(t)
	local := &testLog{t: t}
	r := newRosout(local.logger())
	log := r.logger()
	ros, err := goroslib.NewNode(goroslib.NodeConf{
		Name: "depthnode", Namespace: "/cam", Host: "127.0.0.1",
		MasterAddress:   strings.TrimSuffix(strings.TrimPrefix(m.URI, "http://"), "/"),
		LogDestinations: goroslib.LogDestinationRosout | goroslib.LogDestinationCallback, OnLog: r.onGoroslib,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ros.Close) // after the peer below (cleanups run last first), or Close waits for it
	r.attach(ros)
	defer r.detach()
	logs := subscribe[rosgraph_msgs.Log](t, newPeer(t, m), "/rosout")

	limited := ratelog.New(log, time.Hour)
	cases := []struct {
		name      string
		write     func(msg string)
		wantLevel int8
		wantMsg   string
	}{
		{"plain line", func(s string) { log.Info(s) }, rosgraph_msgs.Log_INFO, ""},
		{"prefixed line", func(s string) { logging.Component(log, "metric").Info(s) }, rosgraph_msgs.Log_INFO, "[metric] "},
		{"warning", func(s string) { log.Warn(s) }, rosgraph_msgs.Log_WARN, ""},
		{"prefixed warning", func(s string) { logging.Component(log, "metric").Warn(s) }, rosgraph_msgs.Log_WARN, "[metric] "},
		// A new key per line: the limiter would hold back a second line under one key.
		{"rate-limited warning", func(s string) { limited.Printf(s, "%s", s) }, rosgraph_msgs.Log_WARN, ""},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tag := fmt.Sprintf(" #%d", i)
			// The subscriber connects asynchronously: write until a line arrives.
			got := firstLog(t, logs, func(l *rosgraph_msgs.Log) bool { return strings.HasSuffix(l.Msg, tag) })
			deadline := time.After(30 * time.Second)
			for {
				c.write("model loaded" + tag)
				select {
				case l := <-got:
					want := c.wantMsg + "model loaded" + tag
					if l.Level != c.wantLevel || l.Msg != want || l.Name != "/cam/depthnode" || l.Header.Stamp.IsZero() {
						t.Errorf("got level %d name %q msg %q stamp %v; want level %d name /cam/depthnode msg %q",
							l.Level, l.Name, l.Msg, l.Header.Stamp, c.wantLevel, want)
					}
					if !local.contains(want) {
						t.Errorf("the local log lacks %q", want)
					}
					return
				case <-time.After(100 * time.Millisecond):
				case <-deadline:
					t.Fatal("no /rosout line within 30 s")
				}
			}
		})
	}
	r.detach()
	log.Info("after detach")
	if !local.contains("after detach") {
		t.Error("a line after detach did not reach the local log")
	}
	// goroslib's own lines reach the local log once, marked; the node's own are not repeated.
	ros.Log(goroslib.LogLevelError, "subscriber went away")
	if !local.contains("[goroslib] ERROR: subscriber went away") {
		t.Error("goroslib's own line did not reach the local log")
	}
	local.mu.Lock()
	defer local.mu.Unlock()
	for _, l := range local.lines {
		if strings.HasPrefix(l, "[goroslib]") && strings.Contains(l, "model loaded") {
			t.Errorf("own line %q came back through goroslib's callback", l)
		}
	}
}

func TestBadInputWarnsOnRosout(t *testing.T) {
	m := rostest.StartMaster(t)
	n, lg := startNode(t, m, "_depth_model:="+fixture(t, "depth_mean.onnx"), "_processing_res:=0", "_preview_addr:=")
	peer := newPeer(t, m)
	_ = subscribe[sensor_msgs.Image](t, peer, "/depth/relative") // inputs are only decoded for readers
	logs := subscribe[rosgraph_msgs.Log](t, peer, "/rosout")
	pub := publisher[sensor_msgs.Image](t, peer, "/image")
	bad := &sensor_msgs.Image{Header: std_msgs.Header{Stamp: time.Unix(1, 0)}, Width: 4, Height: 4, Encoding: "yuv_weird", Step: 12, Data: make([]byte, 48)}

	got := firstLog(t, logs, func(l *rosgraph_msgs.Log) bool {
		return l.Name == n.Name() && strings.Contains(l.Msg, "dropped an input image")
	})
	deadline := time.After(60 * time.Second)
	for {
		pub.Write(bad)
		select {
		case l := <-got:
			if l.Level != rosgraph_msgs.Log_WARN {
				t.Errorf("bad input logged at level %d on /rosout, want WARN (%d): %q", l.Level, rosgraph_msgs.Log_WARN, l.Msg)
			}
			if !lg.contains(l.Msg) {
				t.Errorf("the line %q reached /rosout but not the node's own log", l.Msg)
			}
			return
		case <-time.After(100 * time.Millisecond):
		case <-deadline:
			t.Fatal("no WARN line about the bad image on /rosout within 60 s")
		}
	}
}

// firstLog delivers the first line from logs that match accepts, read in the background until
// the test ends.
func firstLog(t *testing.T, logs <-chan *rosgraph_msgs.Log, match func(*rosgraph_msgs.Log) bool) <-chan *rosgraph_msgs.Log {
	got := make(chan *rosgraph_msgs.Log, 1)
	go func() {
		for {
			select {
			case l := <-logs:
				if match(l) {
					got <- l
					return
				}
			case <-t.Context().Done():
				return
			}
		}
	}()
	return got
}
