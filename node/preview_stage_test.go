package node

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/internal/rostest"
	"github.com/depthnode/depthnode/node/preview"
	"github.com/depthnode/depthnode/stream/streamtest"
)

// previewOf returns the node's preview stage.
func previewOf(t testing.TB, n *Node) *preview.Stage {
	t.Helper()
	for _, s := range n.stages {
		if p, ok := s.(*preview.Stage); ok {
			return p
		}
	}
	t.Fatal("the node runs no preview stage")
	return nil
}

// diagValue returns key's value in the status named name, "" when absent.
func diagValue(d *diagnostic_msgs.DiagnosticArray, name, key string) (string, bool) {
	for _, s := range d.Status {
		if s.Name != name {
			continue
		}
		for _, kv := range s.Values {
			if kv.Key == key {
				return kv.Value, true
			}
		}
	}
	return "", false
}

// TestPreviewThroughTheNode: bad preview settings stop a node at start;
// with the combined model and a ROS publisher but no ROS subscriber,
// nothing is inferred until a WHEP viewer connects; the viewer then gets VP8
// starting on a key frame and the node's numbers; the token guards the page;
// hanging up stops the inference again.
func TestPreviewThroughTheNode(t *testing.T) {
	m := rostest.StartMaster(t)
	addr := fmt.Sprintf("127.0.0.1:%d", rostest.FreePort(t))
	base := "http://" + addr
	both := fixture(t, "both.onnx")
	n, lg := startNode(t, m, "_depth_model:="+both, "_normals_model:="+both, "_processing_res:=0",
		"_preview_addr:="+addr, "_preview_token:=s3cret", "_preview_width:=64", "_preview_bitrate:=300")
	if !lg.contains("preview at " + base + "/ ") {
		t.Fatalf("no log line giving the preview's URL %s/", base)
	}
	ps := previewOf(t, n)
	// On this master, which outlives them: roscore stopped within a second
	// or two of its start can leave rosmaster and rosout running.
	t.Run("bad parameters refused at start", func(t *testing.T) { refusedAtStart(t, m) })
	peer := newPeer(t, m)
	diag := subscribe[diagnostic_msgs.DiagnosticArray](t, peer, "/diagnostics")
	img, _ := testImage(64, 48, 0, time.Unix(1700000000, 0), "cam")
	keepPublishing(t, publisher[sensor_msgs.Image](t, peer, "/image"), img)

	t.Run("token", func(t *testing.T) {
		for _, c := range []struct {
			name, method, path, token string
			want                      int
		}{
			{"page without token", http.MethodGet, "/", "", http.StatusUnauthorized},
			{"page with a wrong token", http.MethodGet, "/?token=secret", "", http.StatusUnauthorized},
			{"page with ?token=", http.MethodGet, "/?token=s3cret", "", http.StatusOK},
			{"page with a Bearer header", http.MethodGet, "/", "s3cret", http.StatusOK},
			{"WHEP without token", http.MethodPost, "/whep", "", http.StatusUnauthorized},
		} {
			t.Run(c.name, func(t *testing.T) {
				if got := streamtest.Request(t, c.method, base+c.path, c.token, "application/sdp", "v=0").Status; got != c.want {
					t.Fatalf("%s %s: %d, want %d", c.method, c.path, got, c.want)
				}
			})
		}
	})

	// Nobody watches and nobody subscribes: frames arrive but none is inferred.
	eventually(t, "input frames left uncomputed", func() bool { return n.Stats().Unwanted >= 3 })
	if s, c := n.Stats(), ps.Server().Counters(); s.Published != 0 || s.DepthFrames != 0 || c.FramesPushed != 0 {
		t.Fatalf("inferred or pushed with no viewer and no subscriber: %+v, %+v", s, c)
	}

	v := streamtest.Dial(t, base, "s3cret")
	first := recv(t, v.Frames(), "a video frame", nil)
	if first.MIME != "video/VP8" || !streamtest.IsKeyFrame(first.Data) {
		t.Fatalf("first frame: %s, key frame %v (%d bytes)", first.MIME, streamtest.IsKeyFrame(first.Data), len(first.Data))
	}
	recv(t, v.Frames(), "a second video frame", nil)
	msg := streamtest.Next(t, v, "frame", "a frame message with the node's rates", func(m previewFrameMsg) bool {
		return m.Stats.InputFPS > 0 && m.Stats.OutputFPS > 0
	})
	if !slices.Equal(msg.Layout.Tiles, []string{"camera", "depth", "normals"}) || msg.Stats.Device != "cpu" ||
		!(msg.Stats.ModelMs > 0) || msg.Stats.Align.Enabled {
		t.Fatalf("frame message %+v", msg)
	}
	if s := n.Stats(); s.DepthFrames == 0 || s.NormalsFrames == 0 {
		t.Fatalf("a viewer but no depth and normals inferred: %+v", s)
	}
	recv(t, diag, "preview diagnostics with one viewer and encoded frames", func(d *diagnostic_msgs.DiagnosticArray) bool {
		viewers, _ := diagValue(d, "/depthnode: preview", "viewers")
		encoded, _ := diagValue(d, "/depthnode: preview", "frames encoded")
		address, _ := diagValue(d, "/depthnode: preview", "address")
		k, err := strconv.Atoi(encoded)
		return viewers == "1" && err == nil && k > 0 && address == base+"/"
	})

	if res := streamtest.Request(t, http.MethodDelete, base+v.Location, "s3cret", "", ""); res.Status != http.StatusOK {
		t.Fatalf("DELETE %s: %d %s", v.Location, res.Status, res.Body)
	}
	eventually(t, "the viewer gone", func() bool { return ps.Server().Viewers() == 0 })
	before := n.Stats().Unwanted
	eventually(t, "frames left uncomputed again after the hang-up", func() bool { return n.Stats().Unwanted >= before+3 })

	// A viewer still watching when the node stops is hung up by it; the
	// package's goroutine-leak check sees anything the preview leaves behind.
	late := streamtest.Dial(t, base, "s3cret")
	recv(t, late.Frames(), "a video frame for a second viewer", nil)
	if err := n.Close(); err != nil {
		t.Fatal(err)
	}
	if res, err := streamtest.Client.Get(base + "/?token=s3cret"); err == nil {
		res.Body.Close()
		t.Fatalf("the preview still answers after the node closed: %d", res.StatusCode)
	}
}
