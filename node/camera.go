package node

import (
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/node/pipeline"
	"github.com/depthnode/depthnode/node/stage"
	"github.com/depthnode/depthnode/node/topics"
)

// camera is one camera the node serves: its subscriptions, its own topics and stages, all in
// its namespace, and its index in the pipeline.
type camera struct {
	name       string // as ~cameras names it; "" = the node's namespace
	index      int
	resolve    func(string) string
	inputTopic string
	out        *topics.Outputs
	stages     []stage.Stage
	camInfo    atomic.Pointer[sensor_msgs.CameraInfo]
	rsubs      []*goroslib.Subscriber
	probe      sizeProbe // asks the input's publishers their message size when it is quiet
}

// resolveIn resolves relative names inside camera namespace cam; absolute and private names
// (/tf, ~) are the node's as they are.
func (n *Node) resolveIn(cam string) func(string) string {
	return func(name string) string {
		if cam == "" || strings.HasPrefix(name, "/") || strings.HasPrefix(name, "~") {
			return n.conn.Names.Resolve(name)
		}
		return n.conn.Names.Resolve(strings.TrimSuffix(cam, "/") + "/" + name)
	}
}

// wants is what the camera's next frame must compute: what its topics and stages read,
// limited to what the models provide.
func (c *camera) wants(available inference.Tasks) inference.Tasks {
	t := c.out.Wants()
	for _, st := range c.stages {
		w := st.Wants()
		t.Depth = t.Depth || w.Depth
		t.Normals = t.Normals || w.Normals
	}
	t.Depth = t.Depth && available.Depth
	t.Normals = t.Normals && available.Normals
	return t
}

// publish writes f to the camera's topics that have readers, then hands it to its stages.
func (c *camera) publish(f *pipeline.Finished, cameras int) {
	h := f.Input.(*input).header()
	info := c.camInfo.Load()
	c.out.Publish(&topics.Frame{Header: h, Result: f.Result, CameraInfo: info})
	if len(c.stages) == 0 {
		return
	}
	fo := &stage.FrameOutput{Header: h, Camera: c.name, Cameras: cameras, Image: f.Image, Result: f.Result, CameraInfo: info}
	for _, st := range c.stages {
		st.Consume(fo)
	}
}

// label names the camera in log lines and diagnostics.
func (c *camera) label() string {
	if c.name == "" {
		return "camera"
	}
	return "camera " + c.name
}

func (c *camera) closeSubscriptions() {
	for _, s := range c.rsubs {
		s.Close()
	}
	c.rsubs = nil
}

// subscribe subscribes the camera's image (raw or compressed) and camera_info topics. The
// callbacks only store the message: all work happens in the pipeline.
func (n *Node) subscribe(c *camera) error {
	var conf goroslib.SubscriberConf
	lim := inference.Limits{MaxPixels: n.params.MaxInputPixels}
	if n.params.Transport == "compressed" {
		// image_transport's rule: IMAGE/compressed follows a remapped image
		// topic unless image/compressed itself is remapped.
		c.inputTopic = c.resolve("image/compressed")
		if c.inputTopic == n.plainIn(c.name, "image/compressed") {
			c.inputTopic = c.resolve("image") + "/compressed"
		}
		conf = goroslib.SubscriberConf{Topic: c.inputTopic, Callback: func(m *sensor_msgs.CompressedImage) {
			n.pipe.Put(c.index, &input{compressed: m, lim: lim})
		}}
	} else {
		c.inputTopic = c.resolve("image")
		conf = goroslib.SubscriberConf{Topic: c.inputTopic, Callback: func(m *sensor_msgs.Image) {
			n.pipe.Put(c.index, &input{raw: m, lim: lim})
		}}
	}
	conf.Node = n.ros
	s, err := goroslib.NewSubscriber(conf)
	if err != nil {
		return fmt.Errorf("subscribe %s: %w", c.inputTopic, err)
	}
	c.rsubs = append(c.rsubs, s)
	info := c.resolve("camera_info")
	s, err = goroslib.NewSubscriber(goroslib.SubscriberConf{Node: n.ros, Topic: info, Callback: func(m *sensor_msgs.CameraInfo) {
		c.camInfo.Store(m)
	}})
	if err != nil {
		return fmt.Errorf("subscribe %s: %w", info, err)
	}
	c.rsubs = append(c.rsubs, s)
	return nil
}

// plainIn is name inside camera cam's namespace, resolved without remapping.
func (n *Node) plainIn(cam, name string) string {
	if cam == "" {
		return n.conn.Names.Plain(name)
	}
	return n.conn.Names.Plain(strings.TrimSuffix(cam, "/") + "/" + name)
}
