package node

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/internal/rostest"
)

// startMetricNode runs the node with ~align on the fixture whose relative
// depth is the channel mean, and returns its metric stage.
func startMetricNode(t *testing.T, m *rostest.Master, extra ...string) (*Node, *metricStage, *testLog) {
	t.Helper()
	return startMetricNodeWith(t, m, nil, extra...)
}

// startMetricNodeWith is startMetricNode with stages after the built-in ones.
func startMetricNodeWith(t *testing.T, m *rostest.Master, stages []StageFactory, extra ...string) (*Node, *metricStage, *testLog) {
	t.Helper()
	args := append([]string{"_depth_model:=" + fixture(t, "depth_mean.onnx"), "_processing_res:=0",
		"_depth_stretch:=false", "_preview_addr:=", "_align:=true"}, extra...)
	n, lg := startNodeWith(t, m, stages, args...)
	for _, s := range n.stages {
		if ms, ok := s.(*metricStage); ok {
			return n, ms, lg
		}
	}
	t.Fatal("no metric stage with ~align:=true")
	return nil, nil, nil
}

// latched publishes msg once on a latched topic, as static_transform_publisher does.
func latched[T any](t *testing.T, peer *goroslib.Node, topic string, msg *T) {
	t.Helper()
	p, err := goroslib.NewPublisher(goroslib.PublisherConf{Node: peer, Topic: topic, Msg: msg, Latch: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	p.Write(msg)
}

// rospyStaticTF runs tf2_ros's StaticTransformBroadcaster (Debian's rospy)
// with the scene's mount, as static_transform_publisher would send it.
func rospyStaticTF(t *testing.T, m *rostest.Master, s *metricScene) {
	t.Helper()
	q, tr := s.lidarPose.Quat(), s.lidarPose.T
	script := fmt.Sprintf(`import rospy, tf2_ros
from geometry_msgs.msg import TransformStamped
rospy.init_node('static_tf_test', anonymous=True)
m = TransformStamped()
m.header.stamp = rospy.Time.now()
m.header.frame_id, m.child_frame_id = %q, %q
m.transform.translation.x, m.transform.translation.y, m.transform.translation.z = %.17g, %.17g, %.17g
m.transform.rotation.x, m.transform.rotation.y, m.transform.rotation.z, m.transform.rotation.w = %.17g, %.17g, %.17g, %.17g
tf2_ros.StaticTransformBroadcaster().sendTransform(m)
rospy.spin()
`, sceneCamFrame, sceneLidarFrame, tr.X, tr.Y, tr.Z, q.X, q.Y, q.Z, q.W)
	cmd := rostest.Python("-c", script)
	cmd.Env = m.Env(os.Environ())
	cmd.Stderr = os.Stderr
	rostest.Start(t, cmd)
}

// TestMetricDepthFromLidar: with the extrinsic from ~lidar_to_camera or
// from /tf_static (goroslib or tf2_ros in rospy), depth/metric (read by a real peer) matches the scene's
// true depth, carries the image's header, and the fit in /diagnostics is
// the affine map the image was encoded with.
func TestMetricDepthFromLidar(t *testing.T) {
	s := testMetricScene(t)
	tests := []struct {
		name   string
		args   []string
		viaTF  bool // a latched goroslib publisher on /tf_static
		viaTF2 bool // tf2_ros.StaticTransformBroadcaster in rospy
	}{
		{name: "lidar_to_camera", args: []string{"_lidar_to_camera:=" + s.poseParam()}},
		{name: "tf_static", viaTF: true},
		{name: "tf2_ros static broadcaster", viaTF2: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := rostest.StartMaster(t)
			n, st, _ := startMetricNode(t, m, append([]string{"_align_smoothing:=0"}, tc.args...)...)
			peer := newPeer(t, m)
			if tc.viaTF {
				latched(t, peer, "/tf_static", s.tfStatic())
			}
			if tc.viaTF2 {
				rospyStaticTF(t, m, s)
			}
			stamp := time.Unix(1700000100, 250000000)
			keepPublishing(t, publisher[sensor_msgs.CameraInfo](t, peer, "/camera_info"), s.cameraInfo())
			keepPublishing(t, publisher[sensor_msgs.PointCloud2](t, peer, "/points"), s.cloudMsg(stamp.Add(10*time.Millisecond)))
			keepPublishing(t, publisher[sensor_msgs.Image](t, peer, "/image"), s.image(stamp))

			// Nobody reads anything yet: the stage must not make the model run.
			eventually(t, "frames skipped for want of readers", func() bool { return n.Stats().Unwanted >= 3 })
			if n.Stats().DepthFrames != 0 || st.snapshot().Frames != 0 {
				t.Fatalf("depth computed with no reader: node %+v, stage %+v", n.Stats(), st.snapshot())
			}

			diag := subscribe[diagnostic_msgs.DiagnosticArray](t, peer, "/diagnostics")
			out := subscribe[sensor_msgs.Image](t, peer, "/depth/metric")
			got := recv(t, out, "depth/metric", nil)
			if !got.Header.Stamp.Equal(stamp) || got.Header.FrameId != sceneCamFrame {
				t.Fatalf("header %+v, want the image's (stamp %v, %s)", got.Header, stamp, sceneCamFrame)
			}
			if got.Encoding != "32FC1" || int(got.Width) != s.w || int(got.Height) != s.h || int(got.Step) != 4*s.w {
				t.Fatalf("depth/metric is %s %dx%d step %d", got.Encoding, got.Width, got.Height, got.Step)
			}
			absRel, valid := compareDepth(floats(t, got), s.depth)
			t.Logf("AbsRel %.4f over %d of %d pixels (true depth %.2f..%.2f m)", absRel, valid, len(s.depth), s.zMin, s.zMax)
			if valid < len(s.depth)*9/10 || !(absRel < 0.02) {
				t.Fatalf("AbsRel %.4f over %d of %d pixels: want < 0.02 over >= 90%%", absRel, valid, len(s.depth))
			}

			// The image holds v = 255*(z-zmin)/(zmax-zmin) and the model gives
			// v/255, so the fit must be z = (zmax-zmin)*rel + zmin.
			d := recv(t, diag, "metric depth diagnostics with a fit", func(a *diagnostic_msgs.DiagnosticArray) bool {
				for _, x := range a.Status {
					if strings.HasSuffix(x.Name, ": metric depth") && x.Level == diagnostic_msgs.DiagnosticStatus_OK && value(x, "scale") != "" {
						return true
					}
				}
				return false
			})
			for _, x := range d.Status {
				if !strings.HasSuffix(x.Name, ": metric depth") {
					continue
				}
				scale, _ := strconv.ParseFloat(value(x, "scale"), 64)
				shift, _ := strconv.ParseFloat(value(x, "shift"), 64)
				t.Logf("%s: %s (scale %v shift %v, want %v %v)", x.Name, x.Message, scale, shift, s.zMax-s.zMin, s.zMin)
				if math.Abs(scale/(s.zMax-s.zMin)-1) > 0.02 || math.Abs(shift-s.zMin) > 0.02*s.zMax {
					t.Fatalf("fit scale %v shift %v, want %v %v", scale, shift, s.zMax-s.zMin, s.zMin)
				}
			}
			if sn := st.snapshot(); sn.Published == 0 || sn.Matched == 0 || sn.Clouds == 0 { // TF errors are fine until the link arrives
				t.Fatalf("stage counters %+v", sn)
			}
		})
	}
}

// compareDepth is the mean |got-want|/want over pixels valid in both.
func compareDepth(got, want []float32) (absRel float64, valid int) {
	for i, z := range want {
		g := got[i]
		if math.IsNaN(float64(z)) || math.IsNaN(float64(g)) {
			continue
		}
		absRel += math.Abs(float64(g)-float64(z)) / float64(z)
		valid++
	}
	if valid == 0 {
		return math.Inf(1), 0
	}
	return absRel / float64(valid), valid
}

func value(s diagnostic_msgs.DiagnosticStatus, key string) string {
	for _, kv := range s.Values {
		if kv.Key == key {
			return kv.Value
		}
	}
	return ""
}

// TestMetricDepthRefusals: each missing or unusable input is counted under
// its reason and logged, and no metric depth is made or published.
func TestMetricDepthRefusals(t *testing.T) {
	s := testMetricScene(t)
	stamp := time.Unix(1700000200, 0)
	tests := []struct {
		name    string
		args    []string
		noInfo  bool
		cloudAt time.Duration // cloud stamp minus image stamp
		badInfo bool
		reason  string
		log     string
		counter func(metricStats) uint64
	}{
		{name: "no camera_info", args: []string{"_lidar_to_camera:=" + s.poseParam()}, noInfo: true,
			reason: reasonNoCameraInfo, log: "metric depth needs camera_info on /camera_info"},
		{name: "camera_info of another aspect ratio", args: []string{"_lidar_to_camera:=" + s.poseParam()}, badInfo: true,
			reason: reasonBadCameraInfo, log: "camera info does not match the image size"},
		{name: "cloud outside the slop", args: []string{"_lidar_to_camera:=" + s.poseParam(), "_align_sync_slop:=0.05"},
			cloudAt: 200 * time.Millisecond, reason: reasonNoCloud, log: "within ~align_sync_slop",
			counter: func(st metricStats) uint64 { return st.Unmatched }},
		{name: "no TF", reason: reasonTF, log: `frame not in the TF tree: "lidar"`,
			counter: func(st metricStats) uint64 { return st.TFErrors }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := rostest.StartMaster(t)
			_, st, lg := startMetricNode(t, m, tc.args...)
			peer := newPeer(t, m)
			out := subscribe[sensor_msgs.Image](t, peer, "/depth/metric")
			if !tc.noInfo {
				info := s.cameraInfo()
				if tc.badInfo {
					info.Width = info.Height // square: cannot be a resize of the image
				}
				keepPublishing(t, publisher[sensor_msgs.CameraInfo](t, peer, "/camera_info"), info)
			}
			keepPublishing(t, publisher[sensor_msgs.PointCloud2](t, peer, "/points"), s.cloudMsg(stamp.Add(tc.cloudAt)))
			keepPublishing(t, publisher[sensor_msgs.Image](t, peer, "/image"), s.image(stamp))

			eventually(t, "three refused frames", func() bool { return st.snapshot().Refused[tc.reason] >= 3 })
			sn := st.snapshot()
			if sn.Fits != 0 || sn.Published != 0 || len(out) != 0 {
				t.Fatalf("metric depth made without its inputs: %+v, %d received", sn, len(out))
			}
			if tc.counter != nil && tc.counter(sn) < 3 {
				t.Fatalf("counter not raised: %+v", sn)
			}
			if !lg.contains(tc.log) {
				t.Fatalf("no log line containing %q", tc.log)
			}
			if d := sn.status("x", time.Now()); value(d, "refused: "+tc.reason) == "" || value(d, "scale") != "" {
				t.Fatalf("diagnostics %+v", d)
			}
		})
	}
}

// TestMetricBadCloudThenGood: an unreadable cloud is counted once and does
// not stop the next good one from giving metric depth.
func TestMetricBadCloudThenGood(t *testing.T) {
	s := testMetricScene(t)
	stamp := time.Unix(1700000300, 0)
	tests := []struct {
		name   string
		break_ func(m *sensor_msgs.PointCloud2)
	}{
		{"no x field", func(m *sensor_msgs.PointCloud2) { m.Fields = m.Fields[1:] }},
		{"short data", func(m *sensor_msgs.PointCloud2) { m.Data = m.Data[:100] }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := rostest.StartMaster(t)
			_, st, lg := startMetricNode(t, m, "_lidar_to_camera:="+s.poseParam())
			peer := newPeer(t, m)
			out := subscribe[sensor_msgs.Image](t, peer, "/depth/metric")
			keepPublishing(t, publisher[sensor_msgs.CameraInfo](t, peer, "/camera_info"), s.cameraInfo())
			keepPublishing(t, publisher[sensor_msgs.Image](t, peer, "/image"), s.image(stamp))
			clouds := publisher[sensor_msgs.PointCloud2](t, peer, "/points")
			bad := s.cloudMsg(stamp)
			tc.break_(bad)
			untilCounted(t, clouds, bad, func() uint64 { return st.snapshot().Refused[reasonBadCloud] })
			if sn := st.snapshot(); sn.Fits != 0 {
				t.Fatalf("a fit from a bad cloud: %+v", sn)
			}
			if !lg.contains("unreadable: invalid point cloud") {
				t.Fatal("bad cloud not logged")
			}
			got := untilOutput(t, clouds, s.cloudMsg(stamp.Add(5*time.Millisecond)), out, stamp)
			if absRel, valid := compareDepth(floats(t, got), s.depth); !(absRel < 0.02) || valid < len(s.depth)*9/10 {
				t.Fatalf("after the bad cloud: AbsRel %.4f over %d pixels", absRel, valid)
			}
		})
	}
}

// TestMetricOffWithoutAlign: with ~align false there is no stage, nothing
// subscribes to points or TF and depth/metric is never advertised.
func TestMetricOffWithoutAlign(t *testing.T) {
	s := testMetricScene(t)
	m := rostest.StartMaster(t)
	n, _ := startNode(t, m, "_depth_model:="+fixture(t, "depth_mean.onnx"), "_processing_res:=0", "_preview_addr:=")
	for _, st := range n.stages {
		if _, ok := st.(*metricStage); ok {
			t.Fatal("metric stage running with ~align false")
		}
	}
	peer := newPeer(t, m)
	subscribe[sensor_msgs.Image](t, peer, "/depth/metric")
	rel := subscribe[sensor_msgs.Image](t, peer, "/depth/relative")
	stamp := time.Unix(1700000400, 0)
	keepPublishing(t, publisher[sensor_msgs.CameraInfo](t, peer, "/camera_info"), s.cameraInfo())
	keepPublishing(t, publisher[sensor_msgs.PointCloud2](t, peer, "/points"), s.cloudMsg(stamp))
	keepPublishing(t, publisher[sensor_msgs.Image](t, peer, "/image"), s.image(stamp))
	recv(t, rel, "depth/relative", nil) // frames do flow
	topics, err := peer.MasterGetTopics()
	if err != nil {
		t.Fatal(err)
	}
	self := n.Name()
	for name, info := range topics {
		_, pub := info.Publishers[self]
		_, sub := info.Subscribers[self]
		if (name == "/depth/metric" && pub) || ((name == "/points" || name == "/tf" || name == "/tf_static") && sub) {
			t.Fatalf("with ~align false the node still uses %s (pub %v sub %v)", name, pub, sub)
		}
	}
}
