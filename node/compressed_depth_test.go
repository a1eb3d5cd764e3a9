package node

import (
	"bufio"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/depthcodec"
	"github.com/depthnode/depthnode/internal/rostest"
	"github.com/depthnode/depthnode/node/internal/nodetest"
)

// decodedDepth is the line testdata/compressed_depth_echo.py prints.
type decodedDepth struct {
	Stamp         [2]int64   `json:"stamp"`
	FrameID       string     `json:"frame_id"`
	Format        string     `json:"format"`
	Config        [3]float64 `json:"config"`
	Width, Height int
	Data          string `json:"data"`
}

// TestCompressedDepthDecodedByRospy: a rospy subscriber decoding depth/metric/compressedDepth
// as compressed_depth_image_transport does gets depth/metric back within one quantisation
// step, invalid beyond ~compressed_depth_max.
func TestCompressedDepthDecodedByRospy(t *testing.T) {
	const depthMax, quant = 6.0, 100.0
	s := nodetest.NewMetric(t)
	m := rostest.StartMaster(t)
	startPointsNode(t, m, s, "depth_mean.onnx", "_compressed_depth_max:=6.0", "_compressed_depth_quantization:=100.0")
	cmd := rostest.Python("testdata/compressed_depth_echo.py", "/depth/metric/compressedDepth")
	cmd.Env = m.Env(os.Environ())
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	rostest.Start(t, cmd)
	lines := make(chan decodedDepth, 1)
	go func() {
		sc := bufio.NewScanner(out)
		sc.Buffer(nil, 16<<20)
		for sc.Scan() {
			var d decodedDepth
			if json.Unmarshal(sc.Bytes(), &d) == nil {
				lines <- d
			}
		}
	}()
	peer := newPeer(t, m)
	metricOut := subscribe[sensor_msgs.Image](t, peer, "/depth/metric")
	stamp := time.Unix(1700001300, 500)
	feedScene(t, peer, s, stamp, s.CameraInfo())

	got := recv(t, lines, "the rospy decoder's line", nil)
	want := floats(t, recv(t, metricOut, "depth/metric", func(m *sensor_msgs.Image) bool { return m.Header.Stamp.Equal(stamp) }))
	a := float32(quant * (quant + 1))
	if got.Format != depthcodec.Format || got.Stamp != [2]int64{stamp.Unix(), 500} || got.FrameID != nodetest.CamFrame ||
		got.Width != s.W || got.Height != s.H || got.Config[0] != 0 || float32(got.Config[1]) != a {
		t.Fatalf("decoded %q %dx%d stamp %v frame %q config %v", got.Format, got.Width, got.Height, got.Stamp, got.FrameID, got.Config)
	}
	raw, err := base64.StdEncoding.DecodeString(got.Data)
	if err != nil || len(raw) != 4*len(want) {
		t.Fatalf("decoded %d bytes (%v), want %d", len(raw), err, 4*len(want))
	}
	var worst, worstStep float64
	valid, beyond := 0, 0
	for i, w := range want {
		d := float64(math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:])))
		switch {
		case math.IsNaN(float64(w)) || w >= depthMax:
			beyond++
			if !math.IsNaN(d) {
				t.Fatalf("pixel %d: metric %g m (invalid or beyond depth_max) decoded as %g", i, w, d)
			}
		default:
			valid++
			// The code is truncated from A/d + B, so one step at depth d is d^2/A (d < 6 m: < 3.6 mm).
			step := float64(w) * float64(w) / float64(a)
			e := math.Abs(d - float64(w))
			if !(e <= 1.01*step+1e-6) {
				t.Fatalf("pixel %d: metric %g m decoded as %g (error %.3g m, one step %.3g m)", i, w, d, e, step)
			}
			worst, worstStep = math.Max(worst, e), math.Max(worstStep, step)
		}
	}
	t.Logf("%d pixels within one step (worst error %.3g m, largest step %.3g m), %d invalid or beyond %g m", valid, worst, worstStep, beyond, depthMax)
	if valid < len(want)/2 || beyond == 0 {
		t.Fatalf("%d valid, %d beyond depth_max: the scene does not exercise both", valid, beyond)
	}
}
