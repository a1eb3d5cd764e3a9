package rosnode

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/internal/rostest"
)

// TestOversizedImageIsRefusedSilently publishes a 3840x2160 rgb8 image and
// a 640x480 one from rospy: goroslib delivers the small one, drops the big
// one without a log line, and the probe names the cause.
func TestOversizedImageIsRefusedSilently(t *testing.T) {
	rostest.Require(t, "/usr/bin/python3")
	m := rostest.StartMaster(t)
	addr := fmt.Sprintf("127.0.0.1:%d", m.Port)
	cmd := exec.Command("/usr/bin/python3", "testdata/pub_images.py", "big:3840x2160", "small:640x480")
	cmd.Env = m.Env(os.Environ())
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	rostest.Start(t, cmd)

	var mu sync.Mutex
	var lines []string
	ros, err := goroslib.NewNode(goroslib.NodeConf{MasterAddress: addr, Name: "viewer", Host: "127.0.0.1",
		LogDestinations: goroslib.LogDestinationCallback,
		OnLog:           func(_ goroslib.LogLevel, s string) { mu.Lock(); lines = append(lines, s); mu.Unlock() }})
	if err != nil {
		t.Fatal(err)
	}
	defer ros.Close()
	var big, small atomic.Int64
	for topic, n := range map[string]*atomic.Int64{"/big": &big, "/small": &small} {
		sub, err := goroslib.NewSubscriber(goroslib.SubscriberConf{Node: ros, Topic: topic,
			Callback: func(*sensor_msgs.Image) { n.Add(1) }})
		if err != nil {
			t.Fatal(err)
		}
		defer sub.Close()
	}

	deadline := time.Now().Add(30 * time.Second)
	for small.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if small.Load() < 2 {
		t.Fatalf("the 640x480 image did not arrive either")
	}
	time.Sleep(1500 * time.Millisecond) // three more frames of both
	if n := big.Load(); n != 0 {
		t.Fatalf("%d 4K images arrived; goroslib's limit changed?", n)
	}
	mu.Lock()
	t.Logf("goroslib's log lines: %q", lines)
	if len(lines) != 0 {
		t.Errorf("goroslib logged %q; a classifier of that line may now be the better signal", lines)
	}
	mu.Unlock()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	got, err := ProbeMessageSizes(ctx, addr, "/viewer_probe", "/big", &sensor_msgs.Image{})
	if err != nil {
		t.Fatal(err)
	}
	want := ImageMessageBytes(len("cam"), len("rgb8"), 3*3840, 2160)
	if len(got) != 1 || got[0].Node != "/image_pub" || got[0].Bytes != want {
		t.Fatalf("probe = %+v, want one /image_pub of %d bytes", got, want)
	}
	reason, ok := OversizeReason("/big", got[0].Node, got[0].Bytes)
	if !ok {
		t.Fatalf("no reason for %d bytes", got[0].Bytes)
	}
	t.Log(reason)
	small4, err := ProbeMessageSizes(ctx, addr, "/viewer_probe", "/small", &sensor_msgs.Image{})
	if err != nil || len(small4) != 1 || small4[0].Bytes != ImageMessageBytes(3, 4, 3*640, 480) {
		t.Fatalf("probe /small = %+v, %v", small4, err)
	}
}
