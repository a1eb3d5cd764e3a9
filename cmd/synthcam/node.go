package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"time"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/geometry_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/tf2_msgs"
	"github.com/depthnode/depthnode/synth"
)

// defaultNodeName is the node's name without __name:=.
const defaultNodeName = "synthcam"

// runNode joins the ROS graph and publishes frames until ctx ends.
func runNode(ctx context.Context, o *options, log io.Writer) error {
	ra, err := parseRosArgs(o.rosArgs)
	if err != nil {
		return err
	}
	masterURI := firstNonEmpty(ra.master, os.Getenv("ROS_MASTER_URI"), "http://localhost:11311/")
	masterAddr, err := masterAddress(masterURI)
	if err != nil {
		return err
	}
	ns := firstNonEmpty(ra.ns, os.Getenv("ROS_NAMESPACE"))
	names, err := newRosNames(ns, firstNonEmpty(ra.name, defaultNodeName), ra.remaps)
	if err != nil {
		return err
	}
	// goroslib lets ROS_NAMESPACE override its configured namespace; ROS
	// gives __ns:= precedence, so hand goroslib the resolved one.
	if env := os.Getenv("ROS_NAMESPACE"); env != "" {
		_ = os.Setenv("ROS_NAMESPACE", names.namespace)
	}
	ros, err := connect(ctx, goroslib.NodeConf{
		MasterAddress: masterAddr,
		Namespace:     names.namespace,
		Name:          names.node,
		Host:          firstNonEmpty(ra.hostname, ra.ip, os.Getenv("ROS_HOSTNAME"), os.Getenv("ROS_IP")),
	}, masterURI, log)
	if errors.Is(err, context.Canceled) {
		return nil // interrupted while waiting for the master
	}
	if err != nil {
		return err
	}
	defer ros.Close()

	if err := loadServerParams(ros, names, o); err != nil {
		return err
	}
	// The command line's _param:=value wins over the parameter server.
	if err := applyParams(o, ra.params); err != nil {
		return err
	}
	g, err := synth.NewGenerator(o.cfg)
	if err != nil {
		return err
	}
	pubs, err := newPublishers(ros, names, o)
	if err != nil {
		return err
	}
	defer pubs.close()
	fmt.Fprintf(log, "synthcam: %s publishing %dx%d at %g Hz on %s (seed %d, %d LiDAR beams); master %s\n",
		names.full(), o.cfg.Width, o.cfg.Height, o.rate, names.resolve("image"), o.cfg.Seed, o.cfg.Lidar.Beams, masterURI)
	return publishLoop(ctx, ros, g, pubs, o, log)
}

// connect creates the goroslib node, retrying while the master is unreachable.
func connect(ctx context.Context, conf goroslib.NodeConf, uri string, log io.Writer) (*goroslib.Node, error) {
	for attempt := 1; ; attempt++ {
		n, err := goroslib.NewNode(conf)
		if err == nil {
			return n, nil
		}
		fmt.Fprintf(log, "synthcam: cannot reach the ROS master at %s (%v); retrying in 2s (attempt %d)\n", uri, err, attempt)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(2 * time.Second):
		}
	}
}

// masterAddress turns ROS_MASTER_URI (http://host:port/) into host:port.
func masterAddress(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "http" || u.Host == "" {
		return "", fmt.Errorf("ROS master URI %q: want http://HOST:PORT/", uri)
	}
	port := u.Port()
	if port == "" {
		port = "11311"
	}
	return net.JoinHostPort(u.Hostname(), port), nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// loadServerParams reads the private parameters set on the parameter server.
func loadServerParams(ros *goroslib.Node, names *rosNames, o *options) error {
	values := map[string]any{}
	for _, p := range privateParams(o) {
		key := names.private(p.name)
		set, err := ros.ParamIsSet(key)
		if err != nil {
			return fmt.Errorf("parameter %s: %w", key, err)
		}
		if !set {
			continue
		}
		// The server keeps XML-RPC types; try them in turn.
		if i, err := ros.ParamGetInt(key); err == nil {
			values[p.name] = i
		} else if f, err := ros.ParamGetFloat64(key); err == nil {
			values[p.name] = f
		} else if b, err := ros.ParamGetBool(key); err == nil {
			values[p.name] = b
		} else if s, err := ros.ParamGetString(key); err == nil {
			values[p.name] = s
		} else {
			return fmt.Errorf("parameter %s: %w", key, err)
		}
	}
	return applyParams(o, values)
}

// publishers are synthcam's advertised topics.
type publishers struct {
	image, info, points, depth, normals, tf, tfStatic *goroslib.Publisher
}

func newPublishers(ros *goroslib.Node, names *rosNames, o *options) (*publishers, error) {
	p := &publishers{}
	var err error
	pub := func(dst **goroslib.Publisher, topic string, msg any, latch bool) {
		if err != nil {
			return
		}
		*dst, err = goroslib.NewPublisher(goroslib.PublisherConf{Node: ros, Topic: names.resolve(topic), Msg: msg, Latch: latch})
		if err != nil {
			err = fmt.Errorf("advertise %s: %w", names.resolve(topic), err)
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

// publishLoop renders and publishes one frame per period of node time (so
// it follows /clock under /use_sim_time), never bursting to catch up.
func publishLoop(ctx context.Context, ros *goroslib.Node, g *synth.Generator, p *publishers, o *options, log io.Writer) error {
	period := time.Duration(float64(time.Second) / o.rate)
	staticSent := false
	waitedForClock := false
	next := ros.TimeNow()
	for i := 0; ; {
		now := ros.TimeNow()
		if now.Unix() <= 0 {
			// Simulated time before the first /clock message.
			if !waitedForClock {
				fmt.Fprintln(log, "synthcam: /use_sim_time is set; waiting for /clock")
				waitedForClock = true
			}
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(50 * time.Millisecond):
			}
			next = ros.TimeNow()
			continue
		}
		if now.Before(next) {
			select {
			case <-ctx.Done():
				return nil
			case <-ros.TimeSleepChan(next.Sub(now)):
			}
			continue
		}
		// Behind schedule (slow rendering): restart the schedule from now.
		if next.Add(period).Before(now) {
			next = now
		}
		next = next.Add(period)
		stamp := ros.TimeNow()
		f := g.Frame(i)
		i++
		if ctx.Err() != nil {
			return nil
		}
		if p.tfStatic != nil && !staticSent {
			p.tfStatic.Write(&tf2_msgs.TFMessage{Transforms: []geometry_msgs.TransformStamped{
				transformMsg(stamp, o.cameraID, o.lidarID, f.CameraFromLidar),
			}})
			staticSent = true
		}
		publishFrame(p, f, stamp, o)
	}
}

// publishFrame sends one frame's messages, all with the same stamp.
func publishFrame(p *publishers, f *synth.Frame, stamp time.Time, o *options) {
	cam := std_msgs.Header{Stamp: stamp, FrameId: o.cameraID}
	img := f.Image
	if p.tf != nil {
		p.tf.Write(&tf2_msgs.TFMessage{Transforms: []geometry_msgs.TransformStamped{
			transformMsg(stamp, o.worldID, o.cameraID, f.WorldFromCamera),
		}})
	}
	p.info.Write(cameraInfoMsg(cam, img.Intrinsics))
	if f.Cloud != nil && p.points != nil {
		p.points.Write(cloudMsg(std_msgs.Header{Stamp: stamp, FrameId: o.lidarID}, f.Cloud))
	}
	p.depth.Write(floatImageMsg(cam, img.Width, img.Height, 1, "32FC1", img.Depth))
	p.normals.Write(floatImageMsg(cam, img.Width, img.Height, 3, "32FC3", img.Normals))
	p.image.Write(imageMsg(cam, img))
}
