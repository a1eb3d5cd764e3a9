package metric

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/geometry_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/tf2_msgs"

	"github.com/depthnode/depthnode/calib"
	"github.com/depthnode/depthnode/node/internal/nodetest"
	"github.com/depthnode/depthnode/node/params"
	"github.com/depthnode/depthnode/synth"
)

// TestCalibCameraInfo: the converted camera projects as synth's own pinhole
// does, and camera_info calib cannot describe is refused.
func TestCalibCameraInfo(t *testing.T) {
	s := nodetest.NewMetric(t)
	tests := []struct {
		name    string
		edit    func(m *sensor_msgs.CameraInfo)
		wantErr error
	}{
		{name: "plain"},
		{name: "full-frame roi", edit: func(m *sensor_msgs.CameraInfo) {
			m.Roi = sensor_msgs.RegionOfInterest{Width: m.Width, Height: m.Height}
		}},
		{name: "binning", edit: func(m *sensor_msgs.CameraInfo) { m.BinningX = 2 }, wantErr: calib.ErrCameraInfo},
		{name: "roi crop", edit: func(m *sensor_msgs.CameraInfo) {
			m.Roi = sensor_msgs.RegionOfInterest{XOffset: 4, Width: 64, Height: 48}
		}, wantErr: calib.ErrCameraInfo},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := s.CameraInfo()
			if tc.edit != nil {
				tc.edit(m)
			}
			info, err := calibCameraInfo(m)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			cam, err := calib.NewCamera(info, s.W, s.H, false)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range []synth.Vec3{{X: 0.3, Y: -0.2, Z: 2}, {X: -1, Y: 0.5, Z: 4}, {X: 0, Y: 0, Z: 1}} {
				u, v, ok := cam.Project(calib.Vec3{X: p.X, Y: p.Y, Z: p.Z})
				wu, wv, _ := s.Intr.Project(p)
				if !ok || math.Abs(u-wu) > 1e-9 || math.Abs(v-wv) > 1e-9 {
					t.Fatalf("project %v = %v,%v,%v, want %v,%v", p, u, v, ok, wu, wv)
				}
			}
		})
	}
}

// TestCalibCloud: decoding the converted message gives synth's valid points
// (float32 values read back exactly); broken clouds are refused.
func TestCalibCloud(t *testing.T) {
	s := nodetest.NewMetric(t)
	var want []calib.Vec3
	for _, p := range s.Cloud.Points {
		if p.Valid() {
			want = append(want, calib.Vec3{X: float64(p.X), Y: float64(p.Y), Z: float64(p.Z)})
		}
	}
	tests := []struct {
		name    string
		edit    func(m *sensor_msgs.PointCloud2)
		wantErr bool
	}{
		{name: "synth cloud"},
		{name: "no x field", edit: func(m *sensor_msgs.PointCloud2) { m.Fields = m.Fields[1:] }, wantErr: true},
		{name: "short data", edit: func(m *sensor_msgs.PointCloud2) { m.Data = m.Data[:len(m.Data)/2] }, wantErr: true},
		{name: "intensity-only datatype for x", edit: func(m *sensor_msgs.PointCloud2) { m.Fields[0].Datatype = 2 }, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := s.CloudMsg(time.Unix(1, 0))
			if tc.edit != nil {
				tc.edit(m)
			}
			got, err := calib.DecodeXYZ(calibCloud(m), nil)
			if tc.wantErr {
				if !errors.Is(err, calib.ErrPointCloud) || len(got) != 0 {
					t.Fatalf("err = %v with %d points, want ErrPointCloud and none", err, len(got))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) || len(want) < 1000 {
				t.Fatalf("%d points, want %d (>= 1000)", len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("point %d = %v, want %v", i, got[i], want[i])
				}
			}
		})
	}
}

// TestCalibTransforms: a TFMessage link and ~lidar_to_camera both map a
// LiDAR point where synth's mount does; a bad link is reported, not added.
func TestCalibTransforms(t *testing.T) {
	s := nodetest.NewMetric(t)
	msg := s.TFStatic()
	msg.Transforms = append(msg.Transforms, geometry_msgs.TransformStamped{
		Header: std_msgs.Header{FrameId: "base"}, ChildFrameId: "broken"}) // zero quaternion
	links, errs := calibTransforms(msg)
	if len(links) != 1 || len(errs) != 1 || !errors.Is(errs[0], calib.ErrTransform) {
		t.Fatalf("links %v, errs %v: want one good link and one ErrTransform", links, errs)
	}
	buf, err := calib.NewTFBuffer(calib.TFBufferConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if err := buf.Add(links[0], true); err != nil {
		t.Fatal(err)
	}
	viaTF, err := buf.Lookup(nodetest.CamFrame, nodetest.LidarFrame, time.Unix(5, 0))
	if err != nil {
		t.Fatal(err)
	}
	pose, err := params.ParsePose(s.PoseParam())
	if err != nil {
		t.Fatal(err)
	}
	viaParam, err := poseTransform(pose)
	if err != nil {
		t.Fatal(err)
	}
	for name, tr := range map[string]calib.Transform{"tf_static": viaTF, "lidar_to_camera": viaParam} {
		for _, p := range []synth.Vec3{{X: 5, Y: 1, Z: -0.5}, {X: 2, Y: -3, Z: 1}} {
			got := tr.Apply(calib.Vec3{X: p.X, Y: p.Y, Z: p.Z})
			want := s.LidarPose.Apply(p)
			if math.Abs(got.X-want.X)+math.Abs(got.Y-want.Y)+math.Abs(got.Z-want.Z) > 1e-9 {
				t.Fatalf("%s maps %v to %v, want %v", name, p, got, want)
			}
		}
	}
	if _, errs := calibTransforms(&tf2_msgs.TFMessage{}); errs != nil {
		t.Fatalf("empty message: %v", errs)
	}
}
