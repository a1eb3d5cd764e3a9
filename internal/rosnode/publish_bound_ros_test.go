package rosnode

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/apimaster"
	"github.com/bluenviron/goroslib/v2/pkg/apislave"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/internal/rostest"
)

// heapGrowth publishes 1 MB images as fast as every 5 ms for 3 s on topic
// to four slow readers and returns the publisher's peak and final live
// heap growth in MiB, and how many frames it wrote.
func heapGrowth(t *testing.T, ros *goroslib.Node, masterAddr, topic string, bound *PublishBound[sensor_msgs.Image]) (peak, live float64, written int) {
	t.Helper()
	pub, err := goroslib.NewPublisher(goroslib.PublisherConf{Node: ros, Topic: topic, Msg: &sensor_msgs.Image{}})
	if err != nil {
		t.Fatal(err)
	}
	defer pub.Close()
	waitSubscribers(t, masterAddr, "/bound_pub", topic, 4)

	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := float64(ms.HeapAlloc)
	var top uint64
	sample := time.NewTicker(50 * time.Millisecond)
	defer sample.Stop()
	for end := time.Now().Add(3 * time.Second); time.Now().Before(end); {
		img := &sensor_msgs.Image{Height: 1024, Width: 1024, Encoding: "mono8", Step: 1024, Data: make([]uint8, 1<<20)}
		if bound == nil || bound.Admit(img) {
			pub.Write(img)
			written++
		}
		select {
		case <-sample.C:
			runtime.ReadMemStats(&ms)
			top = max(top, ms.HeapAlloc)
		default:
		}
		time.Sleep(5 * time.Millisecond)
	}
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return (float64(top) - base) / (1 << 20), (float64(ms.HeapAlloc) - base) / (1 << 20), written
}

// waitSubscribers waits until node's publisher on topic has n connections.
func waitSubscribers(t *testing.T, masterAddr, node, topic string, n int) {
	t.Helper()
	uri, err := apimaster.NewClient(masterAddr, "/probe", http.DefaultClient).LookupNode(node)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(uri)
	slave := apislave.NewClient(u.Host, "/probe", http.DefaultClient)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		info, err := slave.GetBusInfo()
		if err != nil {
			t.Fatal(err)
		}
		got := 0
		for _, c := range info {
			if len(c) > 4 && c[4] == topic {
				got++
			}
		}
		if got >= n {
			return
		}
	}
	t.Fatalf("%s did not get %d subscribers", topic, n)
}

// TestPublishBoundHoldsSlowReadersMemory measures the publisher's heap
// with four slow rospy readers, without and with a PublishBound of 2.
func TestPublishBoundHoldsSlowReadersMemory(t *testing.T) {
	rostest.Require(t, "/usr/bin/python3")
	if testing.Short() {
		t.Skip("starts roscore and four rospy readers")
	}
	m := rostest.StartMaster(t)
	addr := fmt.Sprintf("127.0.0.1:%d", m.Port)
	for i := 0; i < 4; i++ {
		cmd := exec.Command("/usr/bin/python3", "testdata/slow_sub.py", "/free", "/bounded")
		cmd.Env = m.Env(os.Environ())
		cmd.Stderr = os.Stderr
		rostest.Start(t, cmd)
	}
	ros, err := goroslib.NewNode(goroslib.NodeConf{MasterAddress: addr, Name: "bound_pub", Host: "127.0.0.1",
		LogDestinations: goroslib.LogDestinationCallback, OnLog: func(goroslib.LogLevel, string) {}})
	if err != nil {
		t.Fatal(err)
	}
	defer ros.Close()

	freePeak, freeLive, freeN := heapGrowth(t, ros, addr, "/free", nil)
	bound, err := NewPublishBound[sensor_msgs.Image](2)
	if err != nil {
		t.Fatal(err)
	}
	boundPeak, boundLive, boundN := heapGrowth(t, ros, addr, "/bounded", bound)
	t.Logf("unbounded: %d frames written, heap +%.0f MiB peak, +%.0f MiB live at the end", freeN, freePeak, freeLive)
	t.Logf("bound of 2: %d frames written (%d dropped), heap +%.0f MiB peak, +%.0f MiB live at the end",
		boundN, bound.Dropped(), boundPeak, boundLive)
	// Two admitted frames plus each writer's encoding copy and slack.
	if boundLive > 16 {
		t.Errorf("bounded publisher still holds %.0f MiB", boundLive)
	}
}

// TestPublishBoundKeepsFastReadersPace: with one in-process reader that
// keeps up, a bound of 2 drops none of 30 frames a second, although the
// count only falls when the collector runs.
func TestPublishBoundKeepsFastReadersPace(t *testing.T) {
	m := rostest.StartMaster(t)
	addr := fmt.Sprintf("127.0.0.1:%d", m.Port)
	ros, err := goroslib.NewNode(goroslib.NodeConf{MasterAddress: addr, Name: "bound_pub", Host: "127.0.0.1",
		LogDestinations: goroslib.LogDestinationCallback, OnLog: func(goroslib.LogLevel, string) {}})
	if err != nil {
		t.Fatal(err)
	}
	defer ros.Close()
	pub, err := goroslib.NewPublisher(goroslib.PublisherConf{Node: ros, Topic: "/fast", Msg: &sensor_msgs.Image{}})
	if err != nil {
		t.Fatal(err)
	}
	defer pub.Close()
	got := make(chan struct{}, 1000)
	sub, err := goroslib.NewSubscriber(goroslib.SubscriberConf{Node: ros, Topic: "/fast",
		Callback: func(*sensor_msgs.Image) { got <- struct{}{} }})
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Close()
	waitSubscribers(t, addr, "/bound_pub", "/fast", 1)
	bound, err := NewPublishBound[sensor_msgs.Image](2)
	if err != nil {
		t.Fatal(err)
	}
	const frames = 60
	tick := time.NewTicker(time.Second / 30)
	defer tick.Stop()
	for i := 0; i < frames; i++ {
		<-tick.C
		img := &sensor_msgs.Image{Height: 1024, Width: 1024, Encoding: "mono8", Step: 1024, Data: make([]uint8, 1<<20)}
		if bound.Admit(img) {
			pub.Write(img)
		}
	}
	time.Sleep(200 * time.Millisecond)
	t.Logf("%d of %d frames arrived, %d dropped by the bound", len(got), frames, bound.Dropped())
	if bound.Dropped() > frames/20 {
		t.Errorf("the bound dropped %d of %d frames for a reader that keeps up", bound.Dropped(), frames)
	}
}
