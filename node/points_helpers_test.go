package node

import (
	"encoding/binary"
	"math"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/internal/rostest"
	"github.com/depthnode/depthnode/node/internal/nodetest"
	"github.com/depthnode/depthnode/node/points"
)

// startPointsNode runs the node with ~align from the fixed mount on the metric scene, with
// model (depth_mean.onnx, or both.onnx for normals too), and returns its points stage.
func startPointsNode(t *testing.T, m *rostest.Master, s *nodetest.Metric, model string, extra ...string) (*Node, *points.Stage, *testLog) {
	t.Helper()
	args := []string{"_depth_model:=" + fixture(t, model), "_processing_res:=0", "_depth_stretch:=false",
		"_preview_addr:=", "_align:=true", "_align_smoothing:=0", "_lidar_to_camera:=" + s.PoseParam()}
	if model == "both.onnx" {
		args = append(args, "_normals_model:="+fixture(t, model))
	}
	n, lg := startNode(t, m, append(args, extra...)...)
	for _, st := range n.stages {
		if ps, ok := st.(*points.Stage); ok {
			return n, ps, lg
		}
	}
	t.Fatal("the node runs no points stage")
	return nil, nil, nil
}

// rawCloud is the PCL-style organised grid for a frame: every point's fields by name.
type pointOf struct{ x, y, z, nx, ny, nz, rgb, curv float32 }

// cloudPoints reads a PointCloud2 through its field table (never the node's own offsets), so
// a layout mistake on either side shows. Missing fields read as 0.
func cloudPoints(t *testing.T, c *sensor_msgs.PointCloud2) []pointOf {
	t.Helper()
	if c.IsBigendian {
		t.Fatal("big-endian cloud")
	}
	off := map[string]int{}
	for _, f := range c.Fields {
		if f.Datatype != 7 || f.Count != 1 {
			t.Fatalf("field %s: datatype %d count %d, want FLOAT32 x1", f.Name, f.Datatype, f.Count)
		}
		off[f.Name] = int(f.Offset)
	}
	n := int(c.Width) * int(c.Height)
	if len(c.Data) != n*int(c.PointStep) || int(c.RowStep) != int(c.Width)*int(c.PointStep) {
		t.Fatalf("cloud %dx%d, point_step %d, row_step %d, %d bytes", c.Width, c.Height, c.PointStep, c.RowStep, len(c.Data))
	}
	get := func(p []byte, name string) float32 {
		o, ok := off[name]
		if !ok {
			return 0
		}
		return math.Float32frombits(binary.LittleEndian.Uint32(p[o:]))
	}
	out := make([]pointOf, n)
	for i := range out {
		p := c.Data[i*int(c.PointStep):]
		out[i] = pointOf{get(p, "x"), get(p, "y"), get(p, "z"), get(p, "normal_x"), get(p, "normal_y"),
			get(p, "normal_z"), get(p, "rgb"), get(p, "curvature")}
	}
	return out
}

func finite3(p pointOf) bool {
	return !math.IsNaN(float64(p.x)) && !math.IsNaN(float64(p.y)) && !math.IsNaN(float64(p.z))
}

// switchable publishes whatever msg holds every 50 ms until the test ends, so a test can
// change an input (a bad camera_info, then a good one) on a live stream.
func switchable[T any](t *testing.T, p *goroslib.Publisher, first *T) *atomic.Pointer[T] {
	t.Helper()
	var cur atomic.Pointer[T]
	cur.Store(first)
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		tk := time.NewTicker(50 * time.Millisecond)
		defer tk.Stop()
		for {
			p.Write(cur.Load())
			select {
			case <-stop:
				return
			case <-tk.C:
			}
		}
	}()
	t.Cleanup(func() { close(stop); <-done })
	return &cur
}

// feedScene publishes the scene's image, cloud and (unless info is nil) camera_info.
func feedScene(t *testing.T, peer *goroslib.Node, s *nodetest.Metric, stamp time.Time, info *sensor_msgs.CameraInfo) *atomic.Pointer[sensor_msgs.CameraInfo] {
	t.Helper()
	var cur *atomic.Pointer[sensor_msgs.CameraInfo]
	if info != nil {
		cur = switchable(t, publisher[sensor_msgs.CameraInfo](t, peer, "/camera_info"), info)
	}
	keepPublishing(t, publisher[sensor_msgs.PointCloud2](t, peer, "/points"), s.CloudMsg(stamp.Add(5*time.Millisecond)))
	keepPublishing(t, publisher[sensor_msgs.Image](t, peer, "/image"), s.Image(stamp))
	return cur
}

// truthPoint is pixel i of the scene back-projected with its true depth.
func truthPoint(s *nodetest.Metric, i int) (x, y, z float64, ok bool) {
	z = float64(s.Depth[i])
	if math.IsNaN(z) {
		return 0, 0, 0, false
	}
	u, v := float64(i%s.W), float64(i/s.W)
	return (u - s.Intr.Cx) * z / s.Intr.Fx, (v - s.Intr.Cy) * z / s.Intr.Fy, z, true
}
