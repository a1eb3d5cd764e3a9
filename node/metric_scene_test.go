package node

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

// metricScene is one synthetic frame with exact ground truth, as ROS
// messages: an image whose grey level encodes the true depth affinely, so
// depth_mean.onnx (depth = channel mean) yields relative depth affine in the
// true depth up to 8-bit quantisation, and the LiDAR cloud of the same scene.
type metricScene struct {
	w, h       int
	depth      []float32 // true optical-axis depth (m), NaN where nothing was hit
	zMin, zMax float64
	intr       synth.Intrinsics
	lidarPose  synth.Pose // p_camera = R*p_lidar + T
	cloud      *synth.Cloud
}

const (
	sceneCamFrame   = "cam_optical"
	sceneLidarFrame = "lidar"
)

var (
	sceneOnce sync.Once
	sceneVal  *metricScene
	sceneErr  error
)

// testMetricScene renders the scene once per test binary.
func testMetricScene(t testing.TB) *metricScene {
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
		s := &metricScene{w: cfg.Width, h: cfg.Height, depth: f.Image.Depth, intr: f.Image.Intrinsics,
			lidarPose: f.CameraFromLidar, cloud: f.Cloud, zMin: math.Inf(1), zMax: math.Inf(-1)}
		for _, z := range s.depth {
			if !math.IsNaN(float64(z)) {
				s.zMin, s.zMax = math.Min(s.zMin, float64(z)), math.Max(s.zMax, float64(z))
			}
		}
		if !(s.zMax > s.zMin) {
			sceneErr = fmt.Errorf("flat scene: depth %v..%v", s.zMin, s.zMax)
		}
		sceneVal = s
	})
	if sceneErr != nil {
		t.Fatal(sceneErr)
	}
	return sceneVal
}

// image is mono8 with v = round(255*(z-zmin)/(zmax-zmin)).
func (s *metricScene) image(stamp time.Time) *sensor_msgs.Image {
	data := make([]byte, s.w*s.h)
	for i, z := range s.depth {
		v := 255.0
		if !math.IsNaN(float64(z)) {
			v = math.Round(255 * (float64(z) - s.zMin) / (s.zMax - s.zMin))
		}
		data[i] = byte(v)
	}
	return &sensor_msgs.Image{Header: std_msgs.Header{Stamp: stamp, FrameId: sceneCamFrame},
		Width: uint32(s.w), Height: uint32(s.h), Encoding: "mono8", Step: uint32(s.w), Data: data}
}

func (s *metricScene) cameraInfo() *sensor_msgs.CameraInfo {
	return &sensor_msgs.CameraInfo{Header: std_msgs.Header{FrameId: sceneCamFrame},
		Width: uint32(s.w), Height: uint32(s.h), DistortionModel: "plumb_bob", D: make([]float64, 5),
		K: s.intr.K(), R: [9]float64{1, 0, 0, 0, 1, 0, 0, 0, 1}, P: s.intr.P()}
}

func (s *metricScene) cloudMsg(stamp time.Time) *sensor_msgs.PointCloud2 {
	fields := make([]sensor_msgs.PointField, len(synth.CloudFields))
	for i, f := range synth.CloudFields {
		fields[i] = sensor_msgs.PointField{Name: f.Name, Offset: f.Offset, Datatype: 7, Count: 1}
	}
	return &sensor_msgs.PointCloud2{Header: std_msgs.Header{Stamp: stamp, FrameId: sceneLidarFrame},
		Height: uint32(s.cloud.Height), Width: uint32(s.cloud.Width), Fields: fields,
		PointStep: synth.PointStep, RowStep: uint32(synth.PointStep * s.cloud.Width), Data: s.cloud.Bytes()}
}

// poseParam is ~lidar_to_camera for the scene's mount.
func (s *metricScene) poseParam() string {
	q, t := s.lidarPose.Quat(), s.lidarPose.T
	return fmt.Sprintf("%.17g %.17g %.17g %.17g %.17g %.17g %.17g", t.X, t.Y, t.Z, q.X, q.Y, q.Z, q.W)
}

// tfStatic is the mount as static_transform_publisher sends it: camera is
// the parent, the LiDAR the child.
func (s *metricScene) tfStatic() *tf2_msgs.TFMessage {
	q, t := s.lidarPose.Quat(), s.lidarPose.T
	return &tf2_msgs.TFMessage{Transforms: []geometry_msgs.TransformStamped{{
		Header:       std_msgs.Header{FrameId: sceneCamFrame},
		ChildFrameId: sceneLidarFrame,
		Transform: geometry_msgs.Transform{
			Translation: geometry_msgs.Vector3{X: t.X, Y: t.Y, Z: t.Z},
			Rotation:    geometry_msgs.Quaternion{X: q.X, Y: q.Y, Z: q.Z, W: q.W},
		},
	}}}
}
