package node

import (
	"bufio"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/depthnode/depthnode/internal/rostest"
)

// rospyMessage is one entry of testdata/rospy_pub.py's spec.
type rospyMessage struct {
	Kind        string    `json:"kind"`
	Topic       string    `json:"topic"`
	Stamp       [2]int64  `json:"stamp"`
	FrameID     string    `json:"frame_id"`
	Width       int       `json:"width,omitempty"`
	Height      int       `json:"height,omitempty"`
	Encoding    string    `json:"encoding,omitempty"`
	Step        int       `json:"step,omitempty"`
	IsBigendian int       `json:"is_bigendian,omitempty"`
	Format      string    `json:"format,omitempty"`
	Data        string    `json:"data,omitempty"`
	K           []float64 `json:"K,omitempty"`
}

// startRospyPub publishes msgs over and over with Debian's rospy.
func startRospyPub(t *testing.T, m *rostest.Master, rate float64, msgs ...rospyMessage) {
	t.Helper()
	spec, err := json.Marshal(map[string]any{"rate": rate, "messages": msgs})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "spec.json")
	if err := os.WriteFile(path, spec, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := rostest.Python("testdata/rospy_pub.py", path)
	cmd.Env = m.Env(os.Environ())
	cmd.Stderr = os.Stderr
	rostest.Start(t, cmd)
}

// echoed is one line of testdata/rospy_echo.py.
type echoed struct {
	Topic       string   `json:"topic"`
	Stamp       [2]int64 `json:"stamp"`
	FrameID     string   `json:"frame_id"`
	Width       int      `json:"width"`
	Height      int      `json:"height"`
	Encoding    string   `json:"encoding"`
	Step        int      `json:"step"`
	IsBigendian int      `json:"is_bigendian"`
	Data        string   `json:"data"`
	Format      string   `json:"format"`
	Status      []struct {
		Level      int               `json:"level"`
		Name       string            `json:"name"`
		Message    string            `json:"message"`
		HardwareID string            `json:"hardware_id"`
		Values     map[string]string `json:"values"`
	} `json:"status"`
}

// rospyEcho starts a rospy subscriber for topic:type pairs and returns the
// first message of each, as it prints them.
func rospyEcho(t *testing.T, m *rostest.Master, specs ...string) <-chan echoed {
	t.Helper()
	cmd := rostest.Python(append([]string{"testdata/rospy_echo.py"}, specs...)...)
	cmd.Env = m.Env(os.Environ())
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan echoed, len(specs))
	p := rostest.Start(t, cmd)
	go func() {
		sc := bufio.NewScanner(out)
		sc.Buffer(nil, 64<<20)
		for sc.Scan() {
			var e echoed
			if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
				fmt.Fprintf(os.Stderr, "rospy_echo printed a line that is not a message (%v): %.200s\n", err, sc.Text())
				continue
			}
			ch <- e
		}
		if err := sc.Err(); err != nil {
			fmt.Fprintf(os.Stderr, "reading rospy_echo: %v\n", err)
		}
		close(ch)
	}()
	_ = p
	return ch
}

func (e echoed) floats(t *testing.T) []float32 {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(e.Data)
	if err != nil {
		t.Fatal(err)
	}
	v := make([]float32, len(b)/4)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return v
}

// TestRospyPeersNamespaceRemap runs the combined model in a namespace with a
// remapped input; rospy publishes the camera and rospy reads the outputs.
func TestRospyPeersNamespaceRemap(t *testing.T) {
	m := rostest.StartMaster(t)
	startNode(t, m, "__ns:=/cam", "image:=image_raw", "_depth_model:="+fixture(t, "both.onnx"),
		"_normals_model:="+fixture(t, "both.onnx"), "_processing_res:=0", "_preview_addr:=")
	img, rgb := testImage(21, 13, 3, timeOf(1234, 5678), "front")
	startRospyPub(t, m, 20, rospyMessage{Kind: "image", Topic: "/cam/image_raw", Stamp: [2]int64{1234, 5678},
		FrameID: "front", Width: 21, Height: 13, Encoding: "rgb8", Step: int(img.Step), Data: base64.StdEncoding.EncodeToString(img.Data)})
	got := map[string]echoed{}
	for e := range rospyEcho(t, m, "/cam/normals/image:image", "/cam/normals/color:image", "/cam/depth/relative:image",
		"/cam/normals/color/compressed:compressed") {
		got[e.Topic] = e
	}
	for topic, e := range got {
		if e.Stamp != [2]int64{1234, 5678} || e.FrameID != "front" || e.Width != 21 || e.Height != 13 {
			t.Fatalf("%s: header/size %+v", topic, e)
		}
	}
	if len(got) != 4 {
		t.Fatalf("rospy received %d of 4 topics", len(got))
	}

	nrm := got["/cam/normals/image"]
	if nrm.Encoding != "32FC3" || nrm.Step != 12*21 {
		t.Fatalf("normals/image: %s step %d", nrm.Encoding, nrm.Step)
	}
	v := nrm.floats(t)
	nc := got["/cam/normals/color"]
	colour, _ := base64.StdEncoding.DecodeString(nc.Data)
	if nc.Encoding != "rgb8" || len(colour) != 3*21*13 {
		t.Fatalf("normals/color: %s len %d", nc.Encoding, len(colour))
	}
	for i := 0; i < 21*13; i++ {
		// normals_identity: the native normal is the input x = rgb/255*2-1,
		// normalised; E2E-FT's native axes are the optical ones negated.
		var x [3]float64
		var l float64
		for c := range 3 {
			x[c] = float64(rgb[3*i+c])/255*2 - 1
			l += x[c] * x[c]
		}
		l = math.Sqrt(l)
		for c := range 3 {
			want := -x[c] / l
			if math.Abs(float64(v[3*i+c])-want) > 1e-4 {
				t.Fatalf("normals pixel %d axis %d = %v, want %v", i, c, v[3*i+c], want)
			}
			wantLevel := (x[c]/l + 1) / 2 * 255 // shown in the native convention
			if math.Abs(float64(colour[3*i+c])-wantLevel) > 1.01 {
				t.Fatalf("normals/color pixel %d channel %d = %d, want %.1f", i, c, colour[3*i+c], wantLevel)
			}
		}
	}

	// The JPEG topic, decoded by OpenCV as image_transport would: the same picture, within
	// JPEG's loss, channels in order.
	jc := got["/cam/normals/color/compressed"]
	decoded, _ := base64.StdEncoding.DecodeString(jc.Data)
	if jc.Format != "rgb8; jpeg compressed bgr8" || len(decoded) != len(colour) {
		t.Fatalf("normals/color/compressed: format %q, %d decoded bytes", jc.Format, len(decoded))
	}
	straight, swapped := colourDiff(decoded, colour)
	t.Logf("normals/color/compressed through OpenCV: mean |diff| %.2f levels (%.2f with red and blue swapped)", straight, swapped)
	if straight > 8 || straight > swapped/3 {
		t.Errorf("OpenCV's decoding of normals/color/compressed is not normals/color: mean |diff| %.2f, swapped %.2f", straight, swapped)
	}

	d := got["/cam/depth/relative"].floats(t)
	want := meanDepth(rgb)
	lo, hi := want[0], want[0]
	for _, w := range want {
		lo, hi = math.Min(lo, w), math.Max(hi, w)
	}
	for i := range want {
		// depth_stretch defaults to true: min-max to [0,1].
		if w := (want[i] - lo) / (hi - lo); math.Abs(float64(d[i])-w) > 1e-4 {
			t.Fatalf("stretched depth pixel %d = %v, want %v", i, d[i], w)
		}
	}
}
