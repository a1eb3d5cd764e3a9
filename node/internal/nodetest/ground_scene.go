package nodetest

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/geometry_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/tf2_msgs"

	"github.com/depthnode/depthnode/synth"
)

// Frame ids of the floor scenes: synthcam's defaults.
const (
	OpticalFrame   = "camera_optical"
	WorldFrame     = "world"
	FootprintFrame = "base_footprint"
)

// Floor is one synthcam frame with what floor alignment is checked against: the camera's
// pose in its footprint (base_footprint) and which pixels see the floor.
type Floor struct {
	*synth.Frame
	Stamp time.Time
	// GroundFromCamera is footprint <- optical: height in T.Z, tilt in R.
	GroundFromCamera synth.Pose
	// IsFloor marks the pixels whose true surface is the floor plane.
	IsFloor []bool
}

// Height is the camera's true height above the floor, Pitch its true downward tilt (rad).
func (f *Floor) Height() float64 { return f.GroundFromCamera.T.Z }

// Pitch is the REP-103 pitch (> 0 looks down) of the camera in its footprint.
func (f *Floor) Pitch() float64 {
	fwd := f.GroundFromCamera.R.Apply(synth.Vec3{Z: 1}) // the optical axis in the footprint
	return math.Asin(-fwd.Z)
}

// FloorFrames renders n frames of one scene kind as synthcam does (seed, size, 16-beam LiDAR
// with its default noise), views stride path steps apart, stamped 1 s apart from t0.
func FloorFrames(t testing.TB, kind synth.SceneKind, seed int64, w, h, n, stride int, t0 time.Time) []*Floor {
	t.Helper()
	cfg := synth.DefaultConfig()
	cfg.Width, cfg.Height, cfg.Seed, cfg.Scenes, cfg.Workers = w, h, seed, kind, 2
	cfg.FramesPerScene, cfg.Stride = 0, stride
	g, err := synth.NewGenerator(cfg)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]*Floor, n)
	for i := range out {
		out[i] = NewFloor(g.Frame(i), t0.Add(time.Duration(i)*time.Second))
	}
	return out
}

// NewFloor wraps a rendered frame, marking the pixels on the floor plane.
func NewFloor(f *synth.Frame, stamp time.Time) *Floor {
	gc := synth.GroundFromCamera(f.WorldFromCamera)
	up := gc.R.ApplyT(synth.Vec3{Z: 1})
	img := f.Image
	fl := &Floor{Frame: f, Stamp: stamp, GroundFromCamera: gc, IsFloor: make([]bool, len(img.Depth))}
	for v := 0; v < img.Height; v++ {
		for u := 0; u < img.Width; u++ {
			i := v*img.Width + u
			z := float64(img.Depth[i])
			if math.IsNaN(z) {
				continue
			}
			x := img.Ray(float64(u), float64(v)).Scale(z)
			fl.IsFloor[i] = math.Abs(x.Dot(up)+gc.T.Z) < 1e-3*math.Max(1, z)
		}
	}
	return fl
}

// ImageMsg is the rgb8 camera image.
func (f *Floor) ImageMsg() *sensor_msgs.Image {
	img := f.Frame.Image
	return &sensor_msgs.Image{Header: std_msgs.Header{Stamp: f.Stamp, FrameId: OpticalFrame},
		Width: uint32(img.Width), Height: uint32(img.Height), Encoding: "rgb8", Step: uint32(3 * img.Width), Data: img.RGB}
}

// CameraInfo is synthcam's: plumb_bob with zero distortion.
func (f *Floor) CameraInfo() *sensor_msgs.CameraInfo {
	in := f.Frame.Image.Intrinsics
	return &sensor_msgs.CameraInfo{Header: std_msgs.Header{Stamp: f.Stamp, FrameId: OpticalFrame},
		Width: uint32(in.Width), Height: uint32(in.Height), DistortionModel: "plumb_bob", D: make([]float64, 5),
		K: in.K(), R: [9]float64{1, 0, 0, 0, 1, 0, 0, 0, 1}, P: in.P()}
}

// TF is synthcam's /tf: world <- camera and world <- base_footprint at the frame's stamp.
func (f *Floor) TF() *tf2_msgs.TFMessage {
	return &tf2_msgs.TFMessage{Transforms: []geometry_msgs.TransformStamped{
		link(f.Stamp, WorldFrame, OpticalFrame, f.WorldFromCamera),
		link(f.Stamp, WorldFrame, FootprintFrame, f.WorldFromFootprint),
	}}
}

// CloudMsg is the frame's LiDAR revolution in the LiDAR frame.
func (f *Floor) CloudMsg() *sensor_msgs.PointCloud2 {
	m := (&Metric{Cloud: f.Cloud}).CloudMsg(f.Stamp)
	return m
}

// PoseParam is ~lidar_to_camera for the frame's mount.
func (f *Floor) PoseParam() string { return (&Metric{LidarPose: f.CameraFromLidar}).PoseParam() }

func link(stamp time.Time, parent, child string, p synth.Pose) geometry_msgs.TransformStamped {
	q := p.Quat()
	return geometry_msgs.TransformStamped{Header: std_msgs.Header{Stamp: stamp, FrameId: parent}, ChildFrameId: child,
		Transform: geometry_msgs.Transform{Translation: geometry_msgs.Vector3{X: p.T.X, Y: p.T.Y, Z: p.T.Z},
			Rotation: geometry_msgs.Quaternion{X: q.X, Y: q.Y, Z: q.Z, W: q.W}}}
}

// AbsRel is the mean |got-want|/want over the pixels valid in both (and in mask, when not
// nil), with how many there were.
func AbsRel(got, want []float32, mask []bool) (float64, int) {
	var sum float64
	n := 0
	for i, z := range want {
		g := got[i]
		if math.IsNaN(float64(z)) || math.IsNaN(float64(g)) || (mask != nil && !mask[i]) {
			continue
		}
		sum += math.Abs(float64(g)-float64(z)) / float64(z)
		n++
	}
	if n == 0 {
		return math.Inf(1), 0
	}
	return sum / float64(n), n
}

// String names the frame for logs.
func (f *Floor) String() string {
	return fmt.Sprintf("frame %d (h %.2f m, pitch %.1f deg)", f.Index, f.Height(), f.Pitch()*180/math.Pi)
}
