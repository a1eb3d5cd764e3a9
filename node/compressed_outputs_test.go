package node

import (
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/internal/colormap"
	"github.com/depthnode/depthnode/internal/rostest"
)

// TestCompressedColorOutputs reads only the image_transport-style JPEG topics: they alone make
// the node compute, carry the input header and image_transport's format string, and decode to
// the colour images the raw topics carry (within JPEG's loss).
func TestCompressedColorOutputs(t *testing.T) {
	m := rostest.StartMaster(t)
	startNode(t, m, "_depth_model:="+fixture(t, "depth_mean.onnx"), "_normals_model:="+fixture(t, "normals_identity.onnx"),
		"_processing_res:=0", "_depth_stretch:=false", "_jpeg_quality:=95", "_preview_addr:=")
	peer := newPeer(t, m)
	depthJPEG := subscribe[sensor_msgs.CompressedImage](t, peer, "/depth/color/compressed")
	normalsJPEG := subscribe[sensor_msgs.CompressedImage](t, peer, "/normals/color/compressed")
	stamp := time.Unix(1700000100, 5)
	img, rgb := testImage(48, 32, 0, stamp, "cam")
	keepPublishing(t, publisher[sensor_msgs.Image](t, peer, "/image"), img)

	// What the raw depth/color topic carries, as RGB.
	depth := make([]float32, 48*32)
	for i, d := range meanDepth(rgb) {
		depth[i] = float32(d)
	}
	bgr := colormap.DepthTurboBGR(depth, nil)
	wantDepth := make([]byte, len(bgr))
	for i := 0; i < len(bgr); i += 3 {
		wantDepth[i], wantDepth[i+1], wantDepth[i+2] = bgr[i+2], bgr[i+1], bgr[i]
	}

	cases := []struct {
		topic  string
		ch     chan *sensor_msgs.CompressedImage
		format string
	}{
		{"/depth/color/compressed", depthJPEG, "bgr8; jpeg compressed bgr8"},
		{"/normals/color/compressed", normalsJPEG, "rgb8; jpeg compressed bgr8"},
	}
	for i, c := range cases {
		t.Run(c.topic, func(t *testing.T) {
			msg := recv(t, c.ch, c.topic, func(m *sensor_msgs.CompressedImage) bool { return m.Header.Stamp.Equal(stamp) })
			if msg.Format != c.format || !msg.Header.Stamp.Equal(stamp) || msg.Header.FrameId != "cam" {
				t.Fatalf("format %q header %+v; want %q and the input's header", msg.Format, msg.Header, c.format)
			}
			var got inference.RGB
			if err := inference.DecodeCompressed(msg.Format, msg.Data, &got); err != nil {
				t.Fatal(err)
			}
			if got.Width != 48 || got.Height != 32 {
				t.Fatalf("decoded %dx%d, want 48x32", got.Width, got.Height)
			}
			if i == 0 {
				// The test image's colour map jumps in hue from pixel to pixel, which 4:2:0 chroma
				// blurs; the check is that this is the depth colour image, channels in order.
				straight, swapped := colourDiff(got.Pix, wantDepth)
				t.Logf("mean |diff| from the Turbo map %.2f levels (%.2f with red and blue swapped)", straight, swapped)
				if straight > 20 || straight > swapped/3 {
					t.Errorf("decoded depth colours are not the Turbo map's: mean |diff| %.2f, swapped %.2f", straight, swapped)
				}
			}
		})
	}
}

// colourDiff is the mean |difference| per channel of two packed RGB images, and the same with
// red and blue of got swapped: a lossy copy of want is much nearer straight than swapped.
func colourDiff(got, want []byte) (straight, swapped float64) {
	for k := 0; k+3 <= len(want); k += 3 {
		straight += float64(absDiff(got[k], want[k]) + absDiff(got[k+1], want[k+1]) + absDiff(got[k+2], want[k+2]))
		swapped += float64(absDiff(got[k], want[k+2]) + absDiff(got[k+1], want[k+1]) + absDiff(got[k+2], want[k]))
	}
	return straight / float64(len(want)), swapped / float64(len(want))
}
