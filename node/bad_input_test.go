package node

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"

	"github.com/depthnode/depthnode/internal/rostest"
)

// untilOutput writes msg every 50 ms until an output with stamp arrives.
func untilOutput(t *testing.T, pub *goroslib.Publisher, msg any, out <-chan *sensor_msgs.Image, stamp time.Time) *sensor_msgs.Image {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		pub.Write(msg)
		select {
		case m := <-out:
			if m.Header.Stamp.Equal(stamp) {
				return m
			}
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatalf("no output stamped %v within 60 s", stamp)
	return nil
}

// untilCounted writes msg every 50 ms until count() grows.
func untilCounted(t *testing.T, pub *goroslib.Publisher, msg any, count func() uint64) {
	t.Helper()
	before := count()
	deadline := time.Now().Add(60 * time.Second)
	for count() == before {
		if time.Now().After(deadline) {
			t.Fatalf("bad input was never counted")
		}
		pub.Write(msg)
		time.Sleep(50 * time.Millisecond)
	}
}

func TestBadRawInputThenGoodFrame(t *testing.T) {
	m := rostest.StartMaster(t)
	n, lg := startNode(t, m, "_depth_model:="+fixture(t, "depth_mean.onnx"), "_processing_res:=0", "_preview_addr:=")
	peer := newPeer(t, m)
	out := subscribe[sensor_msgs.Image](t, peer, "/depth/relative")
	pub := publisher[sensor_msgs.Image](t, peer, "/image")

	hdr := func(sec int64) std_msgs.Header { return std_msgs.Header{Stamp: time.Unix(sec, 0), FrameId: "cam"} }
	tests := []struct {
		name, reason string
		msg          *sensor_msgs.Image
	}{
		{"unknown encoding", "encoding", &sensor_msgs.Image{Header: hdr(1), Width: 4, Height: 4, Encoding: "yuv_weird", Step: 12, Data: make([]byte, 48)}},
		{"zero width", "dimensions", &sensor_msgs.Image{Header: hdr(2), Width: 0, Height: 4, Encoding: "rgb8", Step: 0, Data: nil}},
		{"zero height", "dimensions", &sensor_msgs.Image{Header: hdr(3), Width: 4, Height: 0, Encoding: "rgb8", Step: 12, Data: nil}},
		{"step below width*bytes", "step", &sensor_msgs.Image{Header: hdr(4), Width: 4, Height: 4, Encoding: "rgb8", Step: 11, Data: make([]byte, 48)}},
		{"data shorter than step*height", "short_data", &sensor_msgs.Image{Header: hdr(5), Width: 4, Height: 4, Encoding: "rgb8", Step: 12, Data: make([]byte, 47)}},
		{"absurd dimensions", "dimensions", &sensor_msgs.Image{Header: hdr(6), Width: 100000, Height: 100000, Encoding: "rgb8", Step: 300000, Data: make([]byte, 10)}},
		// Within ~max_input_pixels (4096x3072 by default), so the data length is what fails.
		{"large claim, tiny data", "short_data", &sensor_msgs.Image{Header: hdr(8), Width: 4000, Height: 3000, Encoding: "rgb8", Step: 12000, Data: make([]byte, 10)}},
		{"over the pixel budget", "too_large", &sensor_msgs.Image{Header: hdr(9), Width: 5000, Height: 4000, Encoding: "rgb8", Step: 15000, Data: make([]byte, 10)}},
		{"mono16 step too small", "step", &sensor_msgs.Image{Header: hdr(7), Width: 4, Height: 2, Encoding: "mono16", Step: 4, Data: make([]byte, 8)}},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := n.Stats().Bad
			untilCounted(t, pub, tc.msg, func() uint64 { return sum(n.Stats().Bad) })
			if after := n.Stats().Bad; after[tc.reason] == before[tc.reason] {
				t.Fatalf("bad input counted, but not under %q: %v", tc.reason, after)
			}
			// The next valid frame is processed normally.
			stamp := time.Unix(int64(100+i), 0)
			img, rgb := testImage(8, 6, 0, stamp, "cam")
			d := untilOutput(t, pub, img, out, stamp)
			want := meanDepth(rgb)
			lo, hi := minMax(want)
			for k, v := range floats(t, d) {
				if math.Abs(float64(v)-(want[k]-lo)/(hi-lo)) > 1e-4 {
					t.Fatalf("depth after bad input, pixel %d = %v", k, v)
				}
			}
		})
	}
	if !lg.contains("dropped an input image (encoding)") || !lg.contains("dropped an input image (short_data)") {
		t.Fatalf("no clear log line for bad input")
	}
}

func TestCompressedInput(t *testing.T) {
	m := rostest.StartMaster(t)
	n, lg := startNode(t, m, "_depth_model:="+fixture(t, "depth_mean.onnx"), "_processing_res:=0",
		"_depth_stretch:=false", "_transport:=compressed", "image:=/camera/image_raw", "_preview_addr:=")
	peer := newPeer(t, m)
	out := subscribe[sensor_msgs.Image](t, peer, "/depth/relative")
	// image_transport's rule: the compressed topic follows the remapped image topic.
	pub := publisher[sensor_msgs.CompressedImage](t, peer, "/camera/image_raw/compressed")

	src := image.NewRGBA(image.Rect(0, 0, 16, 10))
	rgb := make([]byte, 0, 3*16*10)
	for y := range 10 {
		for x := range 16 {
			c := color.RGBA{uint8(12 * x), uint8(20 * y), uint8(100 + x + y), 255}
			src.Set(x, y, c)
			rgb = append(rgb, c.R, c.G, c.B)
		}
	}
	var pngBuf, jpgBuf bytes.Buffer
	if err := png.Encode(&pngBuf, src); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&jpgBuf, src, &jpeg.Options{Quality: 100}); err != nil {
		t.Fatal(err)
	}
	want := meanDepth(rgb)
	hdr := func(sec int64) std_msgs.Header { return std_msgs.Header{Stamp: time.Unix(sec, 0), FrameId: "cam"} }
	tests := []struct {
		name   string
		msg    *sensor_msgs.CompressedImage
		bad    bool
		tolVal float64
	}{
		{name: "png", msg: &sensor_msgs.CompressedImage{Header: hdr(10), Format: "png", Data: pngBuf.Bytes()}, tolVal: 1e-5},
		{name: "jpeg", msg: &sensor_msgs.CompressedImage{Header: hdr(11), Format: "rgb8; jpeg compressed bgr8", Data: jpgBuf.Bytes()}, tolVal: 0.03},
		{name: "corrupt jpeg", msg: &sensor_msgs.CompressedImage{Header: hdr(12), Format: "jpeg", Data: append([]byte{0xff, 0xd8, 0xff, 0xe0}, bytes.Repeat([]byte{0x42}, 64)...)}, bad: true},
		{name: "truncated png", msg: &sensor_msgs.CompressedImage{Header: hdr(13), Format: "png", Data: pngBuf.Bytes()[:pngBuf.Len()/2]}, bad: true},
		{name: "truncated jpeg", msg: &sensor_msgs.CompressedImage{Header: hdr(14), Format: "jpeg", Data: jpgBuf.Bytes()[:jpgBuf.Len()/3]}, bad: true},
		{name: "png after bad input", msg: &sensor_msgs.CompressedImage{Header: hdr(15), Format: "png", Data: pngBuf.Bytes()}, tolVal: 1e-5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.bad {
				untilCounted(t, pub, tc.msg, func() uint64 { return n.Stats().Bad["corrupt"] })
				return
			}
			d := untilOutput(t, pub, tc.msg, out, tc.msg.Header.Stamp)
			if d.Width != 16 || d.Height != 10 || d.Header.FrameId != "cam" {
				t.Fatalf("output %dx%d frame %q", d.Width, d.Height, d.Header.FrameId)
			}
			for k, v := range floats(t, d) {
				if math.Abs(float64(v)-want[k]) > tc.tolVal {
					t.Fatalf("pixel %d = %v, want %v ± %v", k, v, want[k], tc.tolVal)
				}
			}
		})
	}
	if !lg.contains("dropped an input image (corrupt)") {
		t.Fatalf("no log line for corrupt input")
	}
}

func TestModelFailsOnOneFrame(t *testing.T) {
	model := filepath.Join(t.TempDir(), "failing.onnx")
	if out, err := exec.Command(rostest.SystemPython, "testdata/failing_model.py", model).CombinedOutput(); err != nil {
		t.Fatalf("write failing model: %v\n%s", err, out)
	}
	m := rostest.StartMaster(t)
	n, lg := startNode(t, m, "_depth_model:="+model, "_processing_res:=0", "_preview_addr:=")
	peer := newPeer(t, m)
	out := subscribe[sensor_msgs.Image](t, peer, "/depth/relative")
	diag := subscribe[diagnostic_msgs.DiagnosticArray](t, peer, "/diagnostics")
	pub := publisher[sensor_msgs.Image](t, peer, "/image")

	white := &sensor_msgs.Image{Header: std_msgs.Header{Stamp: time.Unix(50, 0)}, Width: 8, Height: 4, Encoding: "mono8", Step: 8, Data: bytes.Repeat([]byte{255}, 32)}
	untilCounted(t, pub, white, func() uint64 { return n.Stats().InferErrors })
	recv(t, diag, "an ERROR diagnostic", func(d *diagnostic_msgs.DiagnosticArray) bool {
		return len(d.Status) > 0 && d.Status[0].Level == 2
	})
	stamp := time.Unix(51, 0)
	img, _ := testImage(8, 4, 0, stamp, "cam")
	untilOutput(t, pub, img, out, stamp)
	if !lg.contains("inference failed") {
		t.Fatalf("no log line for the failed frame")
	}
}

func sum(m map[string]uint64) uint64 { return mapSum(m) }

func minMax(v []float64) (lo, hi float64) {
	lo, hi = v[0], v[0]
	for _, x := range v {
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	return lo, hi
}
