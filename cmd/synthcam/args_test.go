package main

import (
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/depthnode/depthnode/synth"
)

// TestRosNames resolves names like roscpp: namespace, private names, remaps.
func TestRosNames(t *testing.T) {
	cases := []struct {
		name, ns, node string
		remaps         map[string]string
		in, want       string
	}{
		{"root relative", "", "synthcam", nil, "image", "/image"},
		{"namespaced", "sim/", "synthcam", nil, "points", "/sim/points"},
		{"absolute kept", "/sim", "synthcam", nil, "/tf_static", "/tf_static"},
		{"private", "/sim", "cam", nil, "~rate", "/sim/cam/rate"},
		{"remap relative", "/sim", "cam", map[string]string{"image": "rgb"}, "image", "/sim/rgb"},
		{"remap to absolute", "/sim", "cam", map[string]string{"image": "/cam0/image_raw"}, "image", "/cam0/image_raw"},
		{"remap by absolute name", "/sim", "cam", map[string]string{"/sim/points": "velodyne_points"}, "points", "/sim/velodyne_points"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n, err := newRosNames(c.ns, c.node, c.remaps)
			if err != nil {
				t.Fatal(err)
			}
			if got := n.resolve(c.in); got != c.want {
				t.Errorf("resolve(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
	if _, err := newRosNames("/", "a/b", nil); err == nil {
		t.Error("node name with a slash accepted")
	}
}

// TestParseRosArgs types parameters like rosparam and sorts the specials.
func TestParseRosArgs(t *testing.T) {
	r, err := parseRosArgs([]string{"image:=rgb", "_rate:=10", "_lidar_noise:=0.02", "_scenes:=indoor",
		"_flag:=True", "__name:=cam", "__ns:=/sim", "__log:=/tmp/x.log", "__master:=http://h:1/", "__ip:=10.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	wantParams := map[string]any{"rate": 10, "lidar_noise": 0.02, "scenes": "indoor", "flag": true}
	if !reflect.DeepEqual(r.params, wantParams) {
		t.Errorf("params %v, want %v", r.params, wantParams)
	}
	if r.remaps["image"] != "rgb" || len(r.remaps) != 1 {
		t.Errorf("remaps %v", r.remaps)
	}
	if r.name != "cam" || r.ns != "/sim" || r.master != "http://h:1/" || r.ip != "10.0.0.1" {
		t.Errorf("specials %+v", r)
	}
	for _, bad := range []string{"_:=3", ":=x", "image:="} {
		if _, err := parseRosArgs([]string{bad}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestApplyParams checks typing, int-for-float and unknown names.
func TestApplyParams(t *testing.T) {
	cases := []struct {
		name   string
		values map[string]any
		errHas string
		check  func(*options) bool
	}{
		{"int rate", map[string]any{"rate": 7}, "", func(o *options) bool { return o.rate == 7 }},
		{"float noise", map[string]any{"lidar_noise": 0.03}, "", func(o *options) bool { return o.cfg.Lidar.RangeNoise == 0.03 }},
		{"frames", map[string]any{"camera_frame": "cam", "lidar_frame": "velo"}, "", func(o *options) bool { return o.cameraID == "cam" && o.lidarID == "velo" }},
		{"seed", map[string]any{"seed": 5}, "", func(o *options) bool { return o.cfg.Seed == 5 }},
		{"string for int", map[string]any{"width": "wide"}, "~width", nil},
		{"unknown", map[string]any{"fps": 3}, "~fps", nil},
		{"bad value", map[string]any{"rate": 0}, "rate", nil},
		{"bad scenes", map[string]any{"scenes": "moon"}, "Scenes", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o, err := parseOptions(nil, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			err = applyParams(o, c.values)
			if c.errHas != "" {
				if err == nil || !strings.Contains(err.Error(), c.errHas) {
					t.Fatalf("error %v, want one naming %s", err, c.errHas)
				}
				return
			}
			if err != nil || !c.check(o) {
				t.Fatalf("err %v, options %+v", err, o)
			}
		})
	}
}

// TestWriteMode runs the -write data set mode in-process.
func TestWriteMode(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "set")
	o, err := parseOptions([]string{"-write", dir, "-frames", "3", "-seed", "4", "-width", "48", "-height", "32"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if o.cfg.FramesPerScene != 4 || o.cfg.Stride != 40 {
		t.Errorf("data set defaults: %d frames per scene, stride %d", o.cfg.FramesPerScene, o.cfg.Stride)
	}
	if err := writeDataset(o, io.Discard); err != nil {
		t.Fatal(err)
	}
	cam, err := synth.LoadCamera(dir)
	if err != nil {
		t.Fatal(err)
	}
	if cam.Width != 48 || cam.Height != 32 || cam.Seed != 4 || cam.Frames != 3 {
		t.Errorf("camera.json %+v", cam)
	}
	for i := 0; i < 3; i++ {
		for _, kind := range []string{"rgb", "depth", "normals"} {
			if _, err := os.Stat(synth.FramePath(dir, i, kind)); err != nil {
				t.Error(err)
			}
		}
	}
	if _, err := parseOptions([]string{"-write", dir, "-frames", "0"}, io.Discard); err == nil {
		t.Error("-frames 0 accepted")
	}
}
