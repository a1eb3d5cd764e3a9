package node

import (
	"fmt"
	"time"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
)

// subscribe subscribes the image (raw or compressed) and camera_info topics.
// The callbacks only store the message: all work happens in the pipeline.
func (n *Node) subscribe() error {
	nm := n.conn.Names
	var conf goroslib.SubscriberConf
	if n.params.Transport == "compressed" {
		// image_transport's rule: IMAGE/compressed follows a remapped image
		// topic unless image/compressed itself is remapped.
		n.inputTopic = nm.Resolve("image/compressed")
		if n.inputTopic == nm.Plain("image/compressed") {
			n.inputTopic = nm.Resolve("image") + "/compressed"
		}
		conf = goroslib.SubscriberConf{Topic: n.inputTopic, Callback: func(m *sensor_msgs.CompressedImage) {
			n.received(&input{compressed: m, received: time.Now()})
		}}
	} else {
		n.inputTopic = nm.Resolve("image")
		conf = goroslib.SubscriberConf{Topic: n.inputTopic, Callback: func(m *sensor_msgs.Image) {
			n.received(&input{raw: m, received: time.Now()})
		}}
	}
	conf.Node = n.ros
	s, err := goroslib.NewSubscriber(conf)
	if err != nil {
		return fmt.Errorf("subscribe %s: %w", n.inputTopic, err)
	}
	n.subs = append(n.subs, s)
	info := nm.Resolve("camera_info")
	s, err = goroslib.NewSubscriber(goroslib.SubscriberConf{Node: n.ros, Topic: info, Callback: func(m *sensor_msgs.CameraInfo) {
		n.out.camInfo.Store(m)
	}})
	if err != nil {
		return fmt.Errorf("subscribe %s: %w", info, err)
	}
	n.subs = append(n.subs, s)
	return nil
}

func (n *Node) received(in *input) {
	n.st.addReceived(n.ros.TimeNow())
	if n.in.put(in) {
		n.st.addSkipped()
	}
}
