package node

import (
	"fmt"
	"time"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"

	"github.com/depthnode/depthnode/inference"
)

// input is one received image message, raw or compressed, as the pipeline takes it.
type input struct {
	raw        *sensor_msgs.Image
	compressed *sensor_msgs.CompressedImage
	lim        inference.Limits // ~max_input_pixels, checked from the header before decoding
}

// Decode turns the message into packed RGB in dst.
func (in *input) Decode(dst *inference.RGB) error {
	if in.compressed != nil {
		return inference.DecodeCompressedLimited(in.compressed.Format, in.compressed.Data, dst, in.lim)
	}
	m := in.raw
	return inference.DecodeImageLimited(m.Encoding, int(m.Width), int(m.Height), int(m.Step), m.IsBigendian != 0, m.Data, dst, in.lim)
}

// Stamp is the message's header stamp.
func (in *input) Stamp() time.Time { return in.header().Stamp }

func (in *input) header() std_msgs.Header {
	if in.compressed != nil {
		return in.compressed.Header
	}
	return in.raw.Header
}

// subscribe subscribes the image (raw or compressed) and camera_info topics.
// The callbacks only store the message: all work happens in the pipeline.
func (n *Node) subscribe() error {
	nm := n.conn.Names
	var conf goroslib.SubscriberConf
	lim := inference.Limits{MaxPixels: n.params.MaxInputPixels}
	if n.params.Transport == "compressed" {
		// image_transport's rule: IMAGE/compressed follows a remapped image
		// topic unless image/compressed itself is remapped.
		n.inputTopic = nm.Resolve("image/compressed")
		if n.inputTopic == nm.Plain("image/compressed") {
			n.inputTopic = nm.Resolve("image") + "/compressed"
		}
		conf = goroslib.SubscriberConf{Topic: n.inputTopic, Callback: func(m *sensor_msgs.CompressedImage) {
			n.pipe.Put(&input{compressed: m, lim: lim})
		}}
	} else {
		n.inputTopic = nm.Resolve("image")
		conf = goroslib.SubscriberConf{Topic: n.inputTopic, Callback: func(m *sensor_msgs.Image) {
			n.pipe.Put(&input{raw: m, lim: lim})
		}}
	}
	conf.Node = n.ros
	s, err := goroslib.NewSubscriber(conf)
	if err != nil {
		return fmt.Errorf("subscribe %s: %w", n.inputTopic, err)
	}
	n.rsubs = append(n.rsubs, s)
	info := nm.Resolve("camera_info")
	s, err = goroslib.NewSubscriber(goroslib.SubscriberConf{Node: n.ros, Topic: info, Callback: func(m *sensor_msgs.CameraInfo) {
		n.sink.camInfo.Store(m)
	}})
	if err != nil {
		return fmt.Errorf("subscribe %s: %w", info, err)
	}
	n.rsubs = append(n.rsubs, s)
	return nil
}
