package node

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"

	"github.com/depthnode/depthnode/internal/rostest"
	"github.com/depthnode/depthnode/node/internal/nodetest"
	"github.com/depthnode/depthnode/synth"
)

// sceneImage renders a small synthetic scene: each camera of the test gets its own seed,
// size and stamp, so any mix-up between cameras shows in the outputs.
func sceneImage(t testing.TB, seed int64, w, h int, stamp time.Time, frame string) *sensor_msgs.Image {
	t.Helper()
	cfg := synth.DefaultConfig()
	cfg.Width, cfg.Height, cfg.Seed, cfg.Workers = w, h, seed, 1
	cfg.Lidar.Beams = 0
	g, err := synth.NewGenerator(cfg)
	if err != nil {
		t.Fatal(err)
	}
	f := g.Frame(0)
	return &sensor_msgs.Image{Header: std_msgs.Header{Stamp: stamp, FrameId: frame}, Width: uint32(w), Height: uint32(h),
		Encoding: "rgb8", Step: uint32(3 * w), Data: f.Image.RGB}
}

// TestCamerasOneNode: one node serves two and four cameras with one model. Every output
// carries its own camera's stamp and frame_id; a camera's outputs are the same bytes a
// single-camera node gives for the same frame (batching changes nothing on the CPU); a camera
// of another size works; a camera that stops does not stall the others.
func TestCamerasOneNode(t *testing.T) {
	model := "../models/demo.onnx"
	for _, names := range [][]string{{"front", "rear"}, {"front", "rear", "left", "right"}} {
		t.Run(fmt.Sprintf("%d cameras", len(names)), func(t *testing.T) {
			m := rostest.StartMaster(t)
			list := ""
			for _, n := range names {
				list += n + " "
			}
			n, _ := startNode(t, m, "__name:=multi", "_cameras:="+list, "_camera_batch:=on", "_depth_model:="+model, "_normals_model:="+model,
				"_device:=cpu", "_threads:=1", "_preview_addr:=")
			startNode(t, m, "__ns:=/solo", "__name:=single", "_depth_model:="+model, "_normals_model:="+model,
				"_device:=cpu", "_threads:=1", "_preview_addr:=")
			if got := len(n.Stats().Cameras); got != len(names) {
				t.Fatalf("%d cameras in the stats, want %d", got, len(names))
			}
			peer := newPeer(t, m)
			type cam struct {
				name string
				pub  *goroslib.Publisher
				out  chan *sensor_msgs.Image
				img  *sensor_msgs.Image
			}
			var cams []*cam
			for i, name := range names {
				w, h := 96, 72
				if i == 1 {
					w, h = 64, 64 // another size and aspect: its own batch group
				}
				c := &cam{name: name, out: subscribe[sensor_msgs.Image](t, peer, "/"+name+"/depth/relative"),
					img: sceneImage(t, int64(11+i), w, h, time.Unix(100, int64(i)*1000), name+"_optical")}
				c.pub = publisher[sensor_msgs.Image](t, peer, "/"+name+"/image")
				cams = append(cams, c)
			}
			soloOut := subscribe[sensor_msgs.Image](t, peer, "/solo/depth/relative")
			soloPub := publisher[sensor_msgs.Image](t, peer, "/solo/image")

			// Every camera until each has an output of its own frame.
			got := map[string]*sensor_msgs.Image{}
			eventually(t, "an output on every camera", func() bool {
				for _, c := range cams {
					c.pub.Write(c.img)
				}
				for _, c := range cams {
					select {
					case o := <-c.out:
						if o.Header.FrameId != c.img.Header.FrameId || !o.Header.Stamp.Equal(c.img.Header.Stamp) {
							t.Fatalf("%s output has header %+v, want its own camera's %+v", c.name, o.Header, c.img.Header)
						}
						if o.Width != c.img.Width || o.Height != c.img.Height {
							t.Fatalf("%s output is %dx%d, want %dx%d", c.name, o.Width, o.Height, c.img.Width, c.img.Height)
						}
						got[c.name] = o
					default:
					}
				}
				return len(got) == len(cams)
			})
			// The same frames through a single-camera node.
			for _, c := range cams {
				img := *c.img
				o := untilOutput(t, soloPub, &img, soloOut, img.Header.Stamp)
				if !bytes.Equal(o.Data, got[c.name].Data) {
					t.Fatalf("camera %s: depth differs from a single-camera node's for the same frame", c.name)
				}
			}

			// Only the first camera goes on: its outputs keep coming.
			before := n.Stats().Cameras[0].Published
			for i := range 5 {
				img := *cams[0].img
				img.Header.Stamp = time.Unix(200+int64(i), 0)
				untilOutput(t, cams[0].pub, &img, cams[0].out, img.Header.Stamp)
			}
			if st := n.Stats().Cameras; st[0].Published < before+5 {
				t.Fatalf("camera %s published %d frames after the others stopped, want 5", names[0], st[0].Published-before)
			}
			// Each camera has its own /diagnostics status with its own counters.
			diag := subscribe[diagnostic_msgs.DiagnosticArray](t, peer, "/diagnostics")
			for _, name := range names {
				recv(t, diag, "a status of camera "+name, func(a *diagnostic_msgs.DiagnosticArray) bool {
					for _, s := range a.Status {
						if s.Name == "/multi: camera "+name {
							return nodetest.Value(s, "published") != "0" && nodetest.Value(s, "input topic") == "/"+name+"/image"
						}
					}
					return false
				})
			}
		})
	}
}
