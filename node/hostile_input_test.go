package node

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"

	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/internal/rostest"
)

// pngHeaderOnly is a PNG whose IHDR declares w x h and which holds no pixel data: a few dozen
// bytes that would make a decoder without a budget allocate w*h*4.
func pngHeaderOnly(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		_ = binary.Write(&b, binary.BigEndian, uint32(len(data)))
		c := append([]byte(typ), data...)
		b.Write(c)
		_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(c))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	chunk("IHDR", ihdr)
	chunk("IEND", nil)
	return b.Bytes()
}

// jpegScanBomb is a grey w x h progressive JPEG whose one DC scan is repeated scans times
// (each scan valid): only the count makes it hostile.
func jpegScanBomb(w, h, scans int) []byte {
	var b bytes.Buffer
	seg := func(marker byte, payload ...byte) {
		b.Write([]byte{0xff, marker})
		_ = binary.Write(&b, binary.BigEndian, uint16(len(payload)+2))
		b.Write(payload)
	}
	b.Write([]byte{0xff, 0xd8})
	seg(0xdb, append([]byte{0}, bytes.Repeat([]byte{1}, 64)...)...)
	seg(0xc2, 8, byte(h>>8), byte(h), byte(w>>8), byte(w), 1, 1, 0x11, 0)
	seg(0xc4, append([]byte{0x00, 1}, append(make([]byte, 15), 0)...)...)
	blocks := (w / 8) * (h / 8)
	ecs := make([]byte, (blocks+7)/8)
	if k := blocks % 8; k != 0 {
		ecs[len(ecs)-1] = 0xff >> k
	}
	for range scans {
		seg(0xda, 1, 1, 0x00, 0, 0, 0)
		b.Write(ecs)
	}
	b.Write([]byte{0xff, 0xd9})
	return b.Bytes()
}

func encodedGrey(t *testing.T, w, h int, asPNG bool) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	var b bytes.Buffer
	var err error
	if asPNG {
		err = png.Encode(&b, img)
	} else {
		err = jpeg.Encode(&b, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestCompressedInputLimitsThroughTheNode: images over ~max_input_pixels (declared in a
// 57-byte PNG header or a real JPEG) are refused as too_large, a progressive-JPEG scan bomb as
// too_complex, each counted under its own reason and quickly; the next good frame comes out.
func TestCompressedInputLimitsThroughTheNode(t *testing.T) {
	m := rostest.StartMaster(t)
	n, lg := startNode(t, m, "_depth_model:="+fixture(t, "depth_mean.onnx"), "_processing_res:=0",
		"_transport:=compressed", "_max_input_pixels:=100000", "_preview_addr:=")
	peer := newPeer(t, m)
	out := subscribe[sensor_msgs.Image](t, peer, "/depth/relative")
	pub := publisher[sensor_msgs.CompressedImage](t, peer, "/image/compressed")
	hdr := func(sec int64) std_msgs.Header { return std_msgs.Header{Stamp: time.Unix(sec, 0), FrameId: "cam"} }
	tests := []struct {
		name, reason string
		msg          *sensor_msgs.CompressedImage
	}{
		{"PNG header declaring 16384x16384", "too_large", &sensor_msgs.CompressedImage{Header: hdr(1), Format: "png", Data: pngHeaderOnly(16384, 16384)}},
		{"real JPEG over the budget", "too_large", &sensor_msgs.CompressedImage{Header: hdr(2), Format: "jpeg", Data: encodedGrey(t, 400, 300, false)}},
		{"real PNG over the budget", "too_large", &sensor_msgs.CompressedImage{Header: hdr(3), Format: "png", Data: encodedGrey(t, 400, 300, true)}},
		{"progressive JPEG scan bomb", "too_complex", &sensor_msgs.CompressedImage{Header: hdr(4), Format: "jpeg", Data: jpegScanBomb(256, 256, 20000)}},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := n.Stats().Bad
			t0 := time.Now()
			untilCounted(t, pub, tc.msg, func() uint64 { return n.Stats().Bad[tc.reason] })
			// Read from headers and scan markers: before the limits the bomb took ~98 s.
			if took := time.Since(t0); took > 5*time.Second {
				t.Errorf("refused after %v", took)
			} else {
				t.Logf("refused within %v of the first write", took)
			}
			after := n.Stats().Bad
			for k, v := range after {
				if k != tc.reason && v != before[k] {
					t.Fatalf("also counted under %q: %v", k, after)
				}
			}
			stamp := time.Unix(int64(100+i), 0)
			good := &sensor_msgs.CompressedImage{Header: std_msgs.Header{Stamp: stamp}, Format: "png", Data: encodedGrey(t, 32, 24, true)}
			if d := untilOutput(t, pub, good, out, stamp); d.Width != 32 || d.Height != 24 {
				t.Fatalf("output %dx%d after the refusal", d.Width, d.Height)
			}
		})
	}
	for _, want := range []string{"dropped an input image (too_large)", "dropped an input image (too_complex)"} {
		if !lg.contains(want) {
			t.Errorf("no log line %q", want)
		}
	}
}

// TestRawPixelBudgetThroughTheNode: a raw image over ~max_input_pixels is refused as
// too_large (not "dimensions"), and one within it is processed.
func TestRawPixelBudgetThroughTheNode(t *testing.T) {
	m := rostest.StartMaster(t)
	n, _ := startNode(t, m, "_depth_model:="+fixture(t, "depth_mean.onnx"), "_processing_res:=0",
		"_max_input_pixels:=1000", "_preview_addr:=")
	if n.Params().MaxInputPixels != 1000 {
		t.Fatalf("~max_input_pixels = %d", n.Params().MaxInputPixels)
	}
	peer := newPeer(t, m)
	out := subscribe[sensor_msgs.Image](t, peer, "/depth/relative")
	pub := publisher[sensor_msgs.Image](t, peer, "/image")
	big, _ := testImage(40, 30, 0, time.Unix(1, 0), "cam")
	untilCounted(t, pub, big, func() uint64 { return n.Stats().Bad["too_large"] })
	if d := n.Stats().Bad["dimensions"]; d != 0 {
		t.Fatalf("counted under dimensions too: %v", n.Stats().Bad)
	}
	small, _ := testImage(25, 40, 0, time.Unix(2, 0), "cam")
	untilOutput(t, pub, small, out, time.Unix(2, 0))
}

// TestNaNModelOutputThroughTheNode: a model giving NaN (both_nan.onnx: sqrt of a dark image)
// publishes NaN in depth/relative, not zeros, counts the frames and says so in /diagnostics
// (WARN) and the log.
func TestNaNModelOutputThroughTheNode(t *testing.T) {
	m := rostest.StartMaster(t)
	model := fixture(t, "both_nan.onnx")
	n, lg := startNode(t, m, "_depth_model:="+model, "_normals_model:="+model, "_processing_res:=0", "_preview_addr:=")
	peer := newPeer(t, m)
	out := subscribe[sensor_msgs.Image](t, peer, "/depth/relative")
	diag := subscribe[diagnostic_msgs.DiagnosticArray](t, peer, "/diagnostics")
	pub := publisher[sensor_msgs.Image](t, peer, "/image")
	dark := &sensor_msgs.Image{Header: std_msgs.Header{Stamp: time.Unix(7, 0)}, Width: 8, Height: 6, Encoding: "mono8", Step: 8, Data: make([]byte, 48)}
	d := untilOutput(t, pub, dark, out, time.Unix(7, 0))
	for i, v := range floats(t, d) {
		if !math.IsNaN(float64(v)) {
			t.Fatalf("pixel %d = %v, want NaN (REP-118 invalid)", i, v)
		}
	}
	if st := n.Stats(); st.NonFiniteFrames == 0 || st.NonFiniteDepth == 0 || st.InferErrors != 0 {
		t.Fatalf("non-finite frames %d, values %d, inference errors %d", st.NonFiniteFrames, st.NonFiniteDepth, st.InferErrors)
	}
	keepPublishing(t, pub, dark)
	recv(t, diag, "a WARN about NaN output", func(a *diagnostic_msgs.DiagnosticArray) bool {
		return len(a.Status) > 0 && a.Status[0].Level == diagnostic_msgs.DiagnosticStatus_WARN && strings.Contains(a.Status[0].Message, "NaN/Inf")
	})
	if !lg.contains("the model gave NaN/Inf on the frame stamped") {
		t.Fatal("no log line for NaN output")
	}
}

// stuckStage wants depth and blocks in Consume until released, like a decode or model call
// that does not end: input keeps arriving, nothing leaves the pipeline.
type stuckStage struct{ release chan struct{} }

func (s *stuckStage) Wants() inference.Tasks                          { return inference.Tasks{Depth: true} }
func (s *stuckStage) Consume(*FrameOutput)                            { <-s.release }
func (s *stuckStage) Diagnostics() []diagnostic_msgs.DiagnosticStatus { return nil }
func (s *stuckStage) Close() error                                    { return nil }

// TestStallWarningThroughTheNode: /diagnostics says "input but no output" while frames
// arrive and none comes out.
func TestStallWarningThroughTheNode(t *testing.T) {
	m := rostest.StartMaster(t)
	st := &stuckStage{release: make(chan struct{})}
	startNodeWith(t, m, []StageFactory{func(StageEnv) (Stage, error) { return st, nil }},
		"_depth_model:="+fixture(t, "depth_mean.onnx"), "_processing_res:=0", "_preview_addr:=")
	t.Cleanup(func() { close(st.release) }) // before the node closes
	peer := newPeer(t, m)
	diag := subscribe[diagnostic_msgs.DiagnosticArray](t, peer, "/diagnostics")
	img, _ := testImage(8, 6, 0, time.Unix(3, 0), "cam")
	keepPublishing(t, publisher[sensor_msgs.Image](t, peer, "/image"), img)
	a := recv(t, diag, "a stall WARN", func(a *diagnostic_msgs.DiagnosticArray) bool {
		return len(a.Status) > 0 && a.Status[0].Level == diagnostic_msgs.DiagnosticStatus_WARN &&
			strings.Contains(a.Status[0].Message, "input but no output for")
	})
	t.Logf("diagnostics: %s", a.Status[0].Message)
}
