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
	"github.com/depthnode/depthnode/node/internal/nodetest"
	"github.com/depthnode/depthnode/node/metric"
)

// startMetricNode runs the node with ~align on the fixture whose relative
// depth is the channel mean, and returns its metric stage.
func startMetricNode(t *testing.T, m *rostest.Master, extra ...string) (*Node, *metric.Stage, *testLog) {
	t.Helper()
	return startMetricNodeWith(t, m, nil, extra...)
}

// startMetricNodeWith is startMetricNode with stages after the built-in ones.
func startMetricNodeWith(t *testing.T, m *rostest.Master, stages []StageFactory, extra ...string) (*Node, *metric.Stage, *testLog) {
	t.Helper()
	args := append([]string{"_depth_model:=" + fixture(t, "depth_mean.onnx"), "_processing_res:=0",
		"_depth_stretch:=false", "_preview_addr:=", "_align:=true"}, extra...)
	n, lg := startNodeWith(t, m, stages, args...)
	for _, s := range n.stages {
		if ms, ok := s.(*metric.Stage); ok {
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
func rospyStaticTF(t *testing.T, m *rostest.Master, s *nodetest.Metric) {
	t.Helper()
	q, tr := s.LidarPose.Quat(), s.LidarPose.T
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
`, nodetest.CamFrame, nodetest.LidarFrame, tr.X, tr.Y, tr.Z, q.X, q.Y, q.Z, q.W)
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
	s := nodetest.NewMetric(t)
	tests := []struct {
		name   string
		args   []string
		viaTF  bool // a latched goroslib publisher on /tf_static
		viaTF2 bool // tf2_ros.StaticTransformBroadcaster in rospy
	}{
		{name: "lidar_to_camera", args: []string{"_lidar_to_camera:=" + s.PoseParam()}},
		{name: "tf_static", viaTF: true},
		{name: "tf2_ros static broadcaster", viaTF2: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := rostest.StartMaster(t)
			n, st, _ := startMetricNode(t, m, append([]string{"_align_smoothing:=0"}, tc.args...)...)
			peer := newPeer(t, m)
			if tc.viaTF {
				latched(t, peer, "/tf_static", s.TFStatic())
			}
			if tc.viaTF2 {
				rospyStaticTF(t, m, s)
			}
			stamp := time.Unix(1700000100, 250000000)
			keepPublishing(t, publisher[sensor_msgs.CameraInfo](t, peer, "/camera_info"), s.CameraInfo())
			keepPublishing(t, publisher[sensor_msgs.PointCloud2](t, peer, "/points"), s.CloudMsg(stamp.Add(10*time.Millisecond)))
			keepPublishing(t, publisher[sensor_msgs.Image](t, peer, "/image"), s.Image(stamp))

			// Nobody reads anything yet: the stage must not make the model run.
			eventually(t, "frames skipped for want of readers", func() bool { return n.Stats().Unwanted >= 3 })
			if n.Stats().DepthFrames != 0 || st.Snapshot().Frames != 0 {
				t.Fatalf("depth computed with no reader: node %+v, stage %+v", n.Stats(), st.Snapshot())
			}

			diag := subscribe[diagnostic_msgs.DiagnosticArray](t, peer, "/diagnostics")
			out := subscribe[sensor_msgs.Image](t, peer, "/depth/metric")
			got := recv(t, out, "depth/metric", nil)
			if !got.Header.Stamp.Equal(stamp) || got.Header.FrameId != nodetest.CamFrame {
				t.Fatalf("header %+v, want the image's (stamp %v, %s)", got.Header, stamp, nodetest.CamFrame)
			}
			if got.Encoding != "32FC1" || int(got.Width) != s.W || int(got.Height) != s.H || int(got.Step) != 4*s.W {
				t.Fatalf("depth/metric is %s %dx%d step %d", got.Encoding, got.Width, got.Height, got.Step)
			}
			absRel, valid := compareDepth(floats(t, got), s.Depth)
			t.Logf("AbsRel %.4f over %d of %d pixels (true depth %.2f..%.2f m)", absRel, valid, len(s.Depth), s.ZMin, s.ZMax)
			if valid < len(s.Depth)*9/10 || !(absRel < 0.02) {
				t.Fatalf("AbsRel %.4f over %d of %d pixels: want < 0.02 over >= 90%%", absRel, valid, len(s.Depth))
			}

			// The image holds v = 255*(z-zmin)/(zmax-zmin) and the model gives
			// v/255, so the fit must be z = (zmax-zmin)*rel + zmin.
			d := recv(t, diag, "metric depth diagnostics with a fit", func(a *diagnostic_msgs.DiagnosticArray) bool {
				for _, x := range a.Status {
					if strings.HasSuffix(x.Name, ": metric depth") && x.Level == diagnostic_msgs.DiagnosticStatus_OK && nodetest.Value(x, "scale") != "" {
						return true
					}
				}
				return false
			})
			for _, x := range d.Status {
				if !strings.HasSuffix(x.Name, ": metric depth") {
					continue
				}
				scale, _ := strconv.ParseFloat(nodetest.Value(x, "scale"), 64)
				shift, _ := strconv.ParseFloat(nodetest.Value(x, "shift"), 64)
				t.Logf("%s: %s (scale %v shift %v, want %v %v)", x.Name, x.Message, scale, shift, s.ZMax-s.ZMin, s.ZMin)
				if math.Abs(scale/(s.ZMax-s.ZMin)-1) > 0.02 || math.Abs(shift-s.ZMin) > 0.02*s.ZMax {
					t.Fatalf("fit scale %v shift %v, want %v %v", scale, shift, s.ZMax-s.ZMin, s.ZMin)
				}
			}
			if sn := st.Snapshot(); sn.Published == 0 || sn.Matched == 0 || sn.Clouds == 0 { // TF errors are fine until the link arrives
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

// TestMetricDepthRefusals: each missing or unusable input is counted under
// its reason and logged, and no metric depth is made or published.
func TestMetricDepthRefusals(t *testing.T) {
	s := nodetest.NewMetric(t)
	stamp := time.Unix(1700000200, 0)
	tests := []struct {
		name    string
		args    []string
		noInfo  bool
		cloudAt time.Duration // cloud stamp minus image stamp
		badInfo bool
		reason  string
		log     string
		counter func(metric.Stats) uint64
	}{
		{name: "no camera_info", args: []string{"_lidar_to_camera:=" + s.PoseParam()}, noInfo: true,
			reason: metric.ReasonNoCameraInfo, log: "metric depth needs camera_info on /camera_info"},
		{name: "camera_info of another aspect ratio", args: []string{"_lidar_to_camera:=" + s.PoseParam()}, badInfo: true,
			reason: metric.ReasonBadCameraInfo, log: "camera info does not match the image size"},
		{name: "cloud outside the slop", args: []string{"_lidar_to_camera:=" + s.PoseParam(), "_align_sync_slop:=0.05"},
			cloudAt: 200 * time.Millisecond, reason: metric.ReasonNoCloud, log: "within ~align_sync_slop",
			counter: func(st metric.Stats) uint64 { return st.Unmatched }},
		{name: "no TF", reason: metric.ReasonTF, log: `frame not in the TF tree: "lidar"`,
			counter: func(st metric.Stats) uint64 { return st.TFErrors }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := rostest.StartMaster(t)
			_, st, lg := startMetricNode(t, m, tc.args...)
			peer := newPeer(t, m)
			out := subscribe[sensor_msgs.Image](t, peer, "/depth/metric")
			if !tc.noInfo {
				info := s.CameraInfo()
				if tc.badInfo {
					info.Width = info.Height // square: cannot be a resize of the image
				}
				keepPublishing(t, publisher[sensor_msgs.CameraInfo](t, peer, "/camera_info"), info)
			}
			keepPublishing(t, publisher[sensor_msgs.PointCloud2](t, peer, "/points"), s.CloudMsg(stamp.Add(tc.cloudAt)))
			keepPublishing(t, publisher[sensor_msgs.Image](t, peer, "/image"), s.Image(stamp))

			eventually(t, "three refused frames", func() bool { return st.Snapshot().Refused[tc.reason] >= 3 })
			sn := st.Snapshot()
			if sn.Fits != 0 || sn.Published != 0 || len(out) != 0 {
				t.Fatalf("metric depth made without its inputs: %+v, %d received", sn, len(out))
			}
			if tc.counter != nil && tc.counter(sn) < 3 {
				t.Fatalf("counter not raised: %+v", sn)
			}
			if !lg.contains(tc.log) {
				t.Fatalf("no log line containing %q", tc.log)
			}
			if d := sn.Status("x", time.Now()); nodetest.Value(d, "refused: "+tc.reason) == "" || nodetest.Value(d, "scale") != "" {
				t.Fatalf("diagnostics %+v", d)
			}
		})
	}
}

// TestMetricBadCloudThenGood: an unreadable cloud is counted once and does
// not stop the next good one from giving metric depth.
func TestMetricBadCloudThenGood(t *testing.T) {
	s := nodetest.NewMetric(t)
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
			_, st, lg := startMetricNode(t, m, "_lidar_to_camera:="+s.PoseParam())
			peer := newPeer(t, m)
			out := subscribe[sensor_msgs.Image](t, peer, "/depth/metric")
			keepPublishing(t, publisher[sensor_msgs.CameraInfo](t, peer, "/camera_info"), s.CameraInfo())
			keepPublishing(t, publisher[sensor_msgs.Image](t, peer, "/image"), s.Image(stamp))
			clouds := publisher[sensor_msgs.PointCloud2](t, peer, "/points")
			bad := s.CloudMsg(stamp)
			tc.break_(bad)
			untilCounted(t, clouds, bad, func() uint64 { return st.Snapshot().Refused[metric.ReasonBadCloud] })
			if sn := st.Snapshot(); sn.Fits != 0 {
				t.Fatalf("a fit from a bad cloud: %+v", sn)
			}
			if !lg.contains("unreadable: invalid point cloud") {
				t.Fatal("bad cloud not logged")
			}
			got := untilOutput(t, clouds, s.CloudMsg(stamp.Add(5*time.Millisecond)), out, stamp)
			if absRel, valid := compareDepth(floats(t, got), s.Depth); !(absRel < 0.02) || valid < len(s.Depth)*9/10 {
				t.Fatalf("after the bad cloud: AbsRel %.4f over %d pixels", absRel, valid)
			}
		})
	}
}

// TestMetricOffWithoutAlign: with ~align false there is no stage, nothing
// subscribes to points or TF and depth/metric is never advertised.
func TestMetricOffWithoutAlign(t *testing.T) {
	s := nodetest.NewMetric(t)
	m := rostest.StartMaster(t)
	n, _ := startNode(t, m, "_depth_model:="+fixture(t, "depth_mean.onnx"), "_processing_res:=0", "_preview_addr:=")
	for _, st := range n.stages {
		if _, ok := st.(*metric.Stage); ok {
			t.Fatal("metric stage running with ~align false")
		}
	}
	peer := newPeer(t, m)
	subscribe[sensor_msgs.Image](t, peer, "/depth/metric")
	rel := subscribe[sensor_msgs.Image](t, peer, "/depth/relative")
	stamp := time.Unix(1700000400, 0)
	keepPublishing(t, publisher[sensor_msgs.CameraInfo](t, peer, "/camera_info"), s.CameraInfo())
	keepPublishing(t, publisher[sensor_msgs.PointCloud2](t, peer, "/points"), s.CloudMsg(stamp))
	keepPublishing(t, publisher[sensor_msgs.Image](t, peer, "/image"), s.Image(stamp))
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
