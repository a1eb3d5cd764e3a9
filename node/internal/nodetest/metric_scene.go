// Package nodetest holds what the node's package tests share: the synthetic LiDAR scene (one frame
// with exact ground truth as ROS messages) and diagnostics look-ups.
package nodetest

import (
	"fmt"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/geometry_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/tf2_msgs"

	"github.com/depthnode/depthnode/synth"
)

// Metric is one synthetic frame with exact ground truth, as ROS
// messages: an image whose grey level encodes the true depth affinely, so
// depth_mean.onnx (depth = channel mean) yields relative depth affine in the
// true depth up to 8-bit quantisation, and the LiDAR cloud of the same scene.
type Metric struct {
	W, H       int
	Depth      []float32 // true optical-axis depth (m), NaN where nothing was hit
	ZMin, ZMax float64
	Intr       synth.Intrinsics
	LidarPose  synth.Pose // p_camera = R*p_lidar + T
	Cloud      *synth.Cloud
}

// Frame ids of the scene's camera and LiDAR.
const (
	CamFrame   = "cam_optical"
	LidarFrame = "lidar"
)

var (
	sceneOnce sync.Once
	sceneVal  *Metric
	sceneErr  error
)

// NewMetric renders the scene once per test binary.
func NewMetric(t testing.TB) *Metric {
	t.Helper()
	sceneOnce.Do(func() {
		cfg := synth.DefaultConfig()
		cfg.Width, cfg.Height, cfg.Seed, cfg.Scenes, cfg.Workers = 128, 96, 3, synth.SceneIndoor, 2
		cfg.Lidar.RangeNoise, cfg.Lidar.DropRate = 0, 0 // exact returns: the error left is the image's quantisation
		g, err := synth.NewGenerator(cfg)
		if err != nil {
			sceneErr = err
			return
		}
		f := g.Frame(0)
		s := &Metric{W: cfg.Width, H: cfg.Height, Depth: f.Image.Depth, Intr: f.Image.Intrinsics,
			LidarPose: f.CameraFromLidar, Cloud: f.Cloud, ZMin: math.Inf(1), ZMax: math.Inf(-1)}
		for _, z := range s.Depth {
			if !math.IsNaN(float64(z)) {
				s.ZMin, s.ZMax = math.Min(s.ZMin, float64(z)), math.Max(s.ZMax, float64(z))
			}
		}
		if !(s.ZMax > s.ZMin) {
			sceneErr = fmt.Errorf("flat scene: depth %v..%v", s.ZMin, s.ZMax)
		}
		sceneVal = s
	})
	if sceneErr != nil {
		t.Fatal(sceneErr)
	}
	return sceneVal
}

// Image is mono8 with v = round(255*(z-zmin)/(zmax-zmin)).
func (s *Metric) Image(stamp time.Time) *sensor_msgs.Image {
	data := make([]byte, s.W*s.H)
	for i, z := range s.Depth {
		v := 255.0
		if !math.IsNaN(float64(z)) {
			v = math.Round(255 * (float64(z) - s.ZMin) / (s.ZMax - s.ZMin))
		}
		data[i] = byte(v)
	}
	return &sensor_msgs.Image{Header: std_msgs.Header{Stamp: stamp, FrameId: CamFrame},
		Width: uint32(s.W), Height: uint32(s.H), Encoding: "mono8", Step: uint32(s.W), Data: data}
}

func (s *Metric) CameraInfo() *sensor_msgs.CameraInfo {
	return &sensor_msgs.CameraInfo{Header: std_msgs.Header{FrameId: CamFrame},
		Width: uint32(s.W), Height: uint32(s.H), DistortionModel: "plumb_bob", D: make([]float64, 5),
		K: s.Intr.K(), R: [9]float64{1, 0, 0, 0, 1, 0, 0, 0, 1}, P: s.Intr.P()}
}

func (s *Metric) CloudMsg(stamp time.Time) *sensor_msgs.PointCloud2 {
	fields := make([]sensor_msgs.PointField, len(synth.CloudFields))
	for i, f := range synth.CloudFields {
		fields[i] = sensor_msgs.PointField{Name: f.Name, Offset: f.Offset, Datatype: 7, Count: 1}
	}
	return &sensor_msgs.PointCloud2{Header: std_msgs.Header{Stamp: stamp, FrameId: LidarFrame},
		Height: uint32(s.Cloud.Height), Width: uint32(s.Cloud.Width), Fields: fields,
		PointStep: synth.PointStep, RowStep: uint32(synth.PointStep * s.Cloud.Width), Data: s.Cloud.Bytes()}
}

// PoseParam is ~lidar_to_camera for the scene's mount.
func (s *Metric) PoseParam() string {
	q, t := s.LidarPose.Quat(), s.LidarPose.T
	return fmt.Sprintf("%.17g %.17g %.17g %.17g %.17g %.17g %.17g", t.X, t.Y, t.Z, q.X, q.Y, q.Z, q.W)
}

// TFStatic is the mount as static_transform_publisher sends it: camera is
// the parent, the LiDAR the child.
func (s *Metric) TFStatic() *tf2_msgs.TFMessage {
	q, t := s.LidarPose.Quat(), s.LidarPose.T
	return &tf2_msgs.TFMessage{Transforms: []geometry_msgs.TransformStamped{{
		Header:       std_msgs.Header{FrameId: CamFrame},
		ChildFrameId: LidarFrame,
		Transform: geometry_msgs.Transform{
			Translation: geometry_msgs.Vector3{X: t.X, Y: t.Y, Z: t.Z},
			Rotation:    geometry_msgs.Quaternion{X: q.X, Y: q.Y, Z: q.Z, W: q.W},
		},
	}}}
}
