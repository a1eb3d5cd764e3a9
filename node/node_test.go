package node

import (
	"encoding/binary"
	"math"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"

	"github.com/depthnode/depthnode/internal/colormap"
	"github.com/depthnode/depthnode/internal/rostest"
)

// testImage is a w x h rgb8 image with rows padded by pad bytes, whose
// pixel values vary in x, y and channel so a wrong stride or channel order
// shows.
func testImage(w, h, pad int, stamp time.Time, frame string) (*sensor_msgs.Image, []byte) {
	step := 3*w + pad
	data := make([]byte, step*h)
	rgb := make([]byte, 3*w*h)
	for y := range h {
		for x := range w {
			r, g, b := byte(10+3*x), byte(20+5*y), byte((x*y)%200+30)
			copy(data[y*step+3*x:], []byte{r, g, b})
			copy(rgb[3*(y*w+x):], []byte{r, g, b})
		}
		for i := 3 * w; i < step; i++ {
			data[y*step+i] = 255 // padding the node must skip
		}
	}
	return &sensor_msgs.Image{
		Header: std_msgs.Header{Stamp: stamp, FrameId: frame},
		Width:  uint32(w), Height: uint32(h), Encoding: "rgb8", Step: uint32(step), Data: data,
	}, rgb
}

// meanDepth is depth_mean's exact output without stretch at native size:
// the channel mean of x = rgb/255*2-1, then (d+1)/2, i.e. mean(rgb)/255.
func meanDepth(rgb []byte) []float64 {
	out := make([]float64, len(rgb)/3)
	for i := range out {
		out[i] = (float64(rgb[3*i]) + float64(rgb[3*i+1]) + float64(rgb[3*i+2])) / 3 / 255
	}
	return out
}

func floats(t *testing.T, m *sensor_msgs.Image) []float32 {
	t.Helper()
	if m.IsBigendian != 0 {
		t.Fatalf("%s output is big-endian", m.Encoding)
	}
	v := make([]float32, len(m.Data)/4)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(m.Data[4*i:]))
	}
	return v
}

func subscribe[T any](t testing.TB, peer *goroslib.Node, topic string) chan *T {
	t.Helper()
	ch := make(chan *T, 16)
	s, err := goroslib.NewSubscriber(goroslib.SubscriberConf{Node: peer, Topic: topic, Callback: func(m *T) {
		select {
		case ch <- m:
		default:
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return ch
}

func publisher[T any](t testing.TB, peer *goroslib.Node, topic string) *goroslib.Publisher {
	t.Helper()
	var zero T
	p, err := goroslib.NewPublisher(goroslib.PublisherConf{Node: peer, Topic: topic, Msg: &zero})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

// keepPublishing writes msg every 50 ms until the test ends, so the node's
// subscription and the subscriber-count poll catch up without sleeps.
func keepPublishing(t *testing.T, p *goroslib.Publisher, msg any) {
	t.Helper()
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		tk := time.NewTicker(50 * time.Millisecond)
		defer tk.Stop()
		for {
			p.Write(msg)
			select {
			case <-stop:
				return
			case <-tk.C:
			}
		}
	}()
	t.Cleanup(func() { close(stop); <-done })
}

func TestDepthOutputs(t *testing.T) {
	m := rostest.StartMaster(t)
	n, _ := startNode(t, m, "_depth_model:="+fixture(t, "depth_mean.onnx"), "_processing_res:=0",
		"_depth_stretch:=false", "_preview_addr:=")
	peer := newPeer(t, m)
	depth := subscribe[sensor_msgs.Image](t, peer, "/depth/relative")
	color := subscribe[sensor_msgs.Image](t, peer, "/depth/color")
	info := subscribe[sensor_msgs.CameraInfo](t, peer, "/depth/camera_info")

	stamp := time.Unix(1700000000, 123456789)
	img, rgb := testImage(37, 23, 5, stamp, "cam_optical")
	keepPublishing(t, publisher[sensor_msgs.CameraInfo](t, peer, "/camera_info"),
		&sensor_msgs.CameraInfo{Header: std_msgs.Header{FrameId: "cam_optical"}, Width: 37, Height: 23, K: [9]float64{30, 0, 18, 0, 30, 11, 0, 0, 1}})
	keepPublishing(t, publisher[sensor_msgs.Image](t, peer, "/image"), img)

	sameHeader := func(h std_msgs.Header) bool { return h.Stamp.Equal(stamp) && h.FrameId == "cam_optical" }
	d := recv(t, depth, "depth/relative", func(m *sensor_msgs.Image) bool { return sameHeader(m.Header) })
	if d.Encoding != "32FC1" || d.Width != 37 || d.Height != 23 || d.Step != 4*37 || len(d.Data) != 4*37*23 {
		t.Fatalf("depth/relative: %s %dx%d step %d len %d", d.Encoding, d.Width, d.Height, d.Step, len(d.Data))
	}
	want := meanDepth(rgb)
	for i, v := range floats(t, d) {
		if math.Abs(float64(v)-want[i]) > 1e-5 {
			t.Fatalf("depth pixel %d = %v, want %v", i, v, want[i])
		}
	}

	c := recv(t, color, "depth/color", func(m *sensor_msgs.Image) bool { return sameHeader(m.Header) })
	if c.Encoding != "bgr8" || c.Width != 37 || c.Height != 23 || c.Step != 3*37 || len(c.Data) != 3*37*23 {
		t.Fatalf("depth/color: %s %dx%d step %d len %d", c.Encoding, c.Width, c.Height, c.Step, len(c.Data))
	}
	for i, d := range want {
		idx, _ := colormap.TurboIndex(float32(d))
		r, g, b := colormap.TurboRGB(idx)
		// The level may differ by one where d sits on a rounding boundary.
		if got := c.Data[3*i : 3*i+3]; absDiff(got[0], b) > 8 || absDiff(got[1], g) > 8 || absDiff(got[2], r) > 8 {
			t.Fatalf("depth/color pixel %d = %v, want bgr %v %v %v", i, got, b, g, r)
		}
	}

	ci := recv(t, info, "depth/camera_info", func(m *sensor_msgs.CameraInfo) bool { return sameHeader(m.Header) })
	if ci.Width != 37 || ci.K[0] != 30 || ci.K[5] != 11 {
		t.Fatalf("depth/camera_info = %+v", ci)
	}
	if s := n.Stats(); s.Published == 0 || s.Received == 0 {
		t.Fatalf("stats = %+v", s)
	}
}

func absDiff(a, b byte) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}
