package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/geometry_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/tf2_msgs"
	"github.com/depthnode/depthnode/synth"
)

// simPoll is how often (wall time) simulated time is checked while waiting:
// polling, not goroslib's simulated sleeps, because a sleep registered for a
// time that /clock then jumps back from would never end.
const simPoll = 2 * time.Millisecond

// publishLoop renders and publishes one frame per period of node time (so
// it follows /clock under /use_sim_time), never bursting to catch up.
func publishLoop(ctx context.Context, ros *goroslib.Node, g *synth.Generator, p *publishers, o *options, log io.Writer) error {
	period := time.Duration(float64(time.Second) / o.rate)
	sim := false
	if set, err := ros.ParamIsSet("/use_sim_time"); err == nil && set {
		sim, _ = ros.ParamGetBool("/use_sim_time")
	}
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
		// Time went backwards (rosbag play --loop restarting /clock):
		// restart the schedule instead of waiting for the old future.
		if next.Sub(now) > 2*period {
			next = now
		}
		if now.Before(next) {
			wait := next.Sub(now)
			if sim {
				wait = min(wait, simPoll)
			}
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(wait):
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
		links := []geometry_msgs.TransformStamped{transformMsg(stamp, o.worldID, o.cameraID, f.WorldFromCamera)}
		if o.groundID != "" {
			// The floor frame under the camera, in the same message and at the same
			// stamp, so a lookup camera -> ground at the image's stamp is exact.
			links = append(links, transformMsg(stamp, o.worldID, o.groundID, f.WorldFromFootprint))
		}
		p.tf.Write(&tf2_msgs.TFMessage{Transforms: links})
	}
	p.info.Write(cameraInfoMsg(cam, img.Intrinsics))
	if f.Cloud != nil && p.points != nil {
		p.points.Write(cloudMsg(std_msgs.Header{Stamp: stamp, FrameId: o.lidarID}, f.Cloud))
	}
	p.depth.Write(floatImageMsg(cam, img.Width, img.Height, 1, "32FC1", img.Depth))
	p.normals.Write(floatImageMsg(cam, img.Width, img.Height, 3, "32FC3", img.Normals))
	p.image.Write(imageMsg(cam, img))
}
