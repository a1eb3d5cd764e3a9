package node

import (
	"math"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"

	"github.com/depthnode/depthnode/internal/rostest"
)

// TestEncodingsThroughTheNode checks that the message fields the node hands
// to decoding (encoding, step, is_bigendian) arrive intact: channel order
// shows in the normals of the identity model, byte order in mono16 values.
func TestEncodingsThroughTheNode(t *testing.T) {
	m := rostest.StartMaster(t)
	startNode(t, m, "_depth_model:="+fixture(t, "both.onnx"), "_normals_model:="+fixture(t, "both.onnx"),
		"_processing_res:=0", "_depth_stretch:=false", "_preview_addr:=")
	peer := newPeer(t, m)
	depth := subscribe[sensor_msgs.Image](t, peer, "/depth/relative")
	normals := subscribe[sensor_msgs.Image](t, peer, "/normals/image")
	pub := publisher[sensor_msgs.Image](t, peer, "/image")

	const w, h = 5, 3
	rgbAt := func(x, y int) [3]byte { return [3]byte{byte(40 + 30*x), byte(200 - 50*y), byte(90 + 7*x*y)} }
	mono := func(x, y int) uint16 { return uint16(0x1234 + 0x0f0f*x + 0x2100*y) }

	tests := []struct {
		name string
		enc  string
		bpp  int
		pad  int
		big  bool
		put  func(px []byte, x, y int)
		want func(x, y int) [3]float64 // the RGB the model should see
	}{
		{"bgr8", "bgr8", 3, 0, false, func(px []byte, x, y int) { c := rgbAt(x, y); px[0], px[1], px[2] = c[2], c[1], c[0] }, nil},
		{"rgba8 padded", "rgba8", 4, 6, false, func(px []byte, x, y int) { c := rgbAt(x, y); px[0], px[1], px[2], px[3] = c[0], c[1], c[2], 9 }, nil},
		{"bgra8", "bgra8", 4, 0, false, func(px []byte, x, y int) { c := rgbAt(x, y); px[0], px[1], px[2], px[3] = c[2], c[1], c[0], 9 }, nil},
		{"mono16 big-endian", "mono16", 2, 2, true, func(px []byte, x, y int) { v := mono(x, y); px[0], px[1] = byte(v>>8), byte(v) }, func(x, y int) [3]float64 {
			g := math.Round(float64(mono(x, y)) * 255 / 65535)
			return [3]float64{g, g, g}
		}},
		{"mono16 little-endian", "mono16", 2, 0, false, func(px []byte, x, y int) { v := mono(x, y); px[0], px[1] = byte(v), byte(v>>8) }, func(x, y int) [3]float64 {
			g := math.Round(float64(mono(x, y)) * 255 / 65535)
			return [3]float64{g, g, g}
		}},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			step := w*tc.bpp + tc.pad
			data := make([]byte, step*h)
			for y := range h {
				for x := range w {
					tc.put(data[y*step+x*tc.bpp:], x, y)
				}
			}
			big := uint8(0)
			if tc.big {
				big = 1
			}
			stamp := time.Unix(int64(300+i), 0)
			msg := &sensor_msgs.Image{Header: std_msgs.Header{Stamp: stamp, FrameId: "cam"}, Width: w, Height: h,
				Encoding: tc.enc, IsBigendian: big, Step: uint32(step), Data: data}
			d := floats(t, untilOutput(t, pub, msg, depth, stamp))
			nrm := floats(t, recv(t, normals, "normals", func(m *sensor_msgs.Image) bool { return m.Header.Stamp.Equal(stamp) }))
			for y := range h {
				for x := range w {
					var rgb [3]float64
					if tc.want != nil {
						rgb = tc.want(x, y)
					} else {
						c := rgbAt(x, y)
						rgb = [3]float64{float64(c[0]), float64(c[1]), float64(c[2])}
					}
					k := y*w + x
					if want := (rgb[0] + rgb[1] + rgb[2]) / 3 / 255; math.Abs(float64(d[k])-want) > 1e-5 {
						t.Fatalf("depth (%d,%d) = %v, want %v", x, y, d[k], want)
					}
					var n [3]float64
					var l float64
					for c := range 3 {
						n[c] = rgb[c]/255*2 - 1
						l += n[c] * n[c]
					}
					if l < 1e-6 {
						continue
					}
					for c := range 3 {
						if want := -n[c] / math.Sqrt(l); math.Abs(float64(nrm[3*k+c])-want) > 1e-4 {
							t.Fatalf("normal (%d,%d)[%d] = %v, want %v (channel order)", x, y, c, nrm[3*k+c], want)
						}
					}
				}
			}
		})
	}
}
