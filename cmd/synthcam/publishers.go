package main

import (
	"fmt"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/tf2_msgs"

	"github.com/depthnode/depthnode/internal/rosargs"
)

// publishers are synthcam's advertised topics.
type publishers struct {
	image, info, points, depth, normals, tf, tfStatic *goroslib.Publisher
}

func newPublishers(ros *goroslib.Node, names *rosargs.Names, o *options) (*publishers, error) {
	p := &publishers{}
	var err error
	pub := func(dst **goroslib.Publisher, topic string, msg any, latch bool) {
		if err != nil {
			return
		}
		*dst, err = goroslib.NewPublisher(goroslib.PublisherConf{Node: ros, Topic: names.Resolve(topic), Msg: msg, Latch: latch})
		if err != nil {
			err = fmt.Errorf("advertise %s: %w", names.Resolve(topic), err)
		}
	}
	pub(&p.image, "image", &sensor_msgs.Image{}, false)
	pub(&p.info, "camera_info", &sensor_msgs.CameraInfo{}, false)
	pub(&p.depth, "ground_truth/depth", &sensor_msgs.Image{}, false)
	pub(&p.normals, "ground_truth/normals", &sensor_msgs.Image{}, false)
	if o.cfg.Lidar.Beams > 0 {
		pub(&p.points, "points", &sensor_msgs.PointCloud2{}, false)
		pub(&p.tfStatic, "/tf_static", &tf2_msgs.TFMessage{}, true)
	}
	if o.worldID != "" {
		pub(&p.tf, "/tf", &tf2_msgs.TFMessage{}, false)
	}
	if err != nil {
		p.close()
		return nil, err
	}
	return p, nil
}

func (p *publishers) close() {
	for _, x := range []*goroslib.Publisher{p.image, p.info, p.points, p.depth, p.normals, p.tf, p.tfStatic} {
		if x != nil {
			x.Close()
		}
	}
}
