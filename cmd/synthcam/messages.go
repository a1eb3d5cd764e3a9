package main

import (
	"encoding/binary"
	"math"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/geometry_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"
	"github.com/depthnode/depthnode/synth"
)

// imageMsg wraps packed rgb8 pixels.
func imageMsg(h std_msgs.Header, img *synth.Image) *sensor_msgs.Image {
	return &sensor_msgs.Image{
		Header: h, Width: uint32(img.Width), Height: uint32(img.Height),
		Encoding: "rgb8", Step: uint32(3 * img.Width), Data: img.RGB,
	}
}

// floatImageMsg packs float32 channels little-endian (32FC1 or 32FC3).
func floatImageMsg(h std_msgs.Header, w, ht, channels int, encoding string, v []float32) *sensor_msgs.Image {
	data := make([]byte, 4*len(v))
	for i, f := range v {
		binary.LittleEndian.PutUint32(data[4*i:], math.Float32bits(f))
	}
	return &sensor_msgs.Image{
		Header: h, Width: uint32(w), Height: uint32(ht),
		Encoding: encoding, Step: uint32(4 * channels * w), Data: data,
	}
}

// cameraInfoMsg describes the pinhole camera: plumb_bob with zero
// distortion, identity rectification.
func cameraInfoMsg(h std_msgs.Header, in synth.Intrinsics) *sensor_msgs.CameraInfo {
	return &sensor_msgs.CameraInfo{
		Header: h, Width: uint32(in.Width), Height: uint32(in.Height),
		DistortionModel: "plumb_bob", D: []float64{0, 0, 0, 0, 0},
		K: in.K(), R: [9]float64{1, 0, 0, 0, 1, 0, 0, 0, 1}, P: in.P(),
	}
}

// cloudMsg packs the organised LiDAR cloud: FLOAT32 x, y, z, intensity,
// little-endian, NaN where a return is missing (so not dense).
func cloudMsg(h std_msgs.Header, c *synth.Cloud) *sensor_msgs.PointCloud2 {
	fields := make([]sensor_msgs.PointField, len(synth.CloudFields))
	for i, f := range synth.CloudFields {
		fields[i] = sensor_msgs.PointField{Name: f.Name, Offset: f.Offset, Datatype: sensor_msgs.PointField_FLOAT32, Count: 1}
	}
	return &sensor_msgs.PointCloud2{
		Header: h, Width: uint32(c.Width), Height: uint32(c.Height), Fields: fields,
		PointStep: synth.PointStep, RowStep: uint32(synth.PointStep * c.Width),
		Data: c.Bytes(), IsDense: false,
	}
}

// transformMsg is the TF transform parent <- child of pose p.
func transformMsg(stamp time.Time, parent, child string, p synth.Pose) geometry_msgs.TransformStamped {
	q := p.Quat()
	return geometry_msgs.TransformStamped{
		Header:       std_msgs.Header{Stamp: stamp, FrameId: parent},
		ChildFrameId: child,
		Transform: geometry_msgs.Transform{
			Translation: geometry_msgs.Vector3{X: p.T.X, Y: p.T.Y, Z: p.T.Z},
			Rotation:    geometry_msgs.Quaternion{X: q.X, Y: q.Y, Z: q.Z, W: q.W},
		},
	}
}
