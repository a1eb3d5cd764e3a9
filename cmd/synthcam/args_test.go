package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/depthnode/depthnode/synth"
)

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
