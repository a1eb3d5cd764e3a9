package node

import (
	"bytes"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"

	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/internal/rostest"
)

// seen is what recordingStage keeps of one frame.
type seen struct {
	header          std_msgs.Header
	info            bool
	imageW, resultW int
}

// recordingStage is an output stage that keeps copies of what it was given,
// standing in for the metric-depth and preview stages at the seam.
type recordingStage struct {
	env    StageEnv
	mu     sync.Mutex
	frames []seen
	rgb    [][]byte
	depth  [][]float32
	closed bool
}

func (s *recordingStage) Wants() inference.Tasks { return inference.Tasks{Depth: true} }

func (s *recordingStage) Consume(f *FrameOutput) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// Copies only: f and its buffers are reused for the next frame.
	s.frames = append(s.frames, seen{header: f.Header, info: f.CameraInfo != nil,
		imageW: f.Image.Width, resultW: f.Result.Width})
	s.rgb = append(s.rgb, bytes.Clone(f.Image.Pix))
	s.depth = append(s.depth, append([]float32(nil), f.Result.Depth...))
}

func (s *recordingStage) Diagnostics() []diagnostic_msgs.DiagnosticStatus {
	return []diagnostic_msgs.DiagnosticStatus{{Name: "recording stage", Message: "seen"}}
}

func (s *recordingStage) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	return nil
}

// TestStageSeam: a stage that wants depth gets it with no ROS subscriber,
// with the input header, the decoded image, the result and camera_info,
// adds its diagnostics, and is closed with the node.
func TestStageSeam(t *testing.T) {
	m := rostest.StartMaster(t)
	st := &recordingStage{}
	n, _ := startNodeWith(t, m, []StageFactory{func(env StageEnv) (Stage, error) { st.env = env; return st, nil }},
		"_depth_model:="+fixture(t, "depth_mean.onnx"), "_processing_res:=0", "_depth_stretch:=false", "_preview_addr:=", "_align_smoothing:=0.5")
	if st.env.Params.AlignSmoothing != 0.5 || st.env.Resolve("points") != "/points" || st.env.ROS == nil || st.env.Device != "cpu" || st.env.Stats == nil {
		t.Fatalf("stage env = %+v", st.env)
	}
	peer := newPeer(t, m)
	diag := subscribe[diagnostic_msgs.DiagnosticArray](t, peer, "/diagnostics")
	stamp := time.Unix(900, 9)
	img, rgb := testImage(9, 7, 2, stamp, "seam")
	keepPublishing(t, publisher[sensor_msgs.CameraInfo](t, peer, "/camera_info"),
		&sensor_msgs.CameraInfo{Header: std_msgs.Header{FrameId: "seam"}, Width: 9, Height: 7})
	keepPublishing(t, publisher[sensor_msgs.Image](t, peer, "/image"), img)

	var got seen
	var gotRGB []byte
	var gotDepth []float32
	eventually(t, "a frame with camera_info at the stage", func() bool {
		st.mu.Lock()
		defer st.mu.Unlock()
		for i, f := range st.frames {
			if f.info && f.header.Stamp.Equal(stamp) {
				got, gotRGB, gotDepth = f, st.rgb[i], st.depth[i]
				return true
			}
		}
		return false
	})
	if got.header.FrameId != "seam" || got.imageW != 9 || got.resultW != 9 || !bytes.Equal(gotRGB, rgb) {
		t.Fatalf("stage saw %+v", got)
	}
	want := meanDepth(rgb)
	for i := range want {
		if math.Abs(float64(gotDepth[i])-want[i]) > 1e-5 {
			t.Fatalf("stage depth %d = %v, want %v", i, gotDepth[i], want[i])
		}
	}
	recv(t, diag, "the stage's diagnostics", func(d *diagnostic_msgs.DiagnosticArray) bool {
		return len(d.Status) == 2 && d.Status[1].Name == "recording stage"
	})
	if err := n.Close(); err != nil {
		t.Fatal(err)
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if !st.closed {
		t.Fatal("stage not closed with the node")
	}
}
