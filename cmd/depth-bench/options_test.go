package main

import (
	"io"
	"strings"
	"testing"

	"github.com/depthnode/depthnode/inference"
)

func TestParseOptions(t *testing.T) {
	o, err := parseOptions([]string{"-depth", "d.onnx", "-normals", "d.onnx", "-size", "1280X720",
		"-res", "0", "-tasks", "normals", "-iters", "7", "-json"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if o.Width != 1280 || o.Height != 720 || o.ProcessingRes != 0 || o.Iterations != 7 || !o.JSON ||
		o.Tasks != (inference.Tasks{Normals: true}) || o.Device != "cpu" || !o.DepthStretch {
		t.Errorf("options %+v", o)
	}
	d, err := parseOptions([]string{"-depth", "d.onnx"}, io.Discard)
	if err != nil || d.Width != 640 || d.Height != 480 || d.ProcessingRes != 768 || d.Tasks.Any() {
		t.Errorf("defaults %+v, %v", d, err)
	}
}

func TestParseOptionsRefusals(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"no model", nil, "-depth and/or -normals"},
		{"bad size", []string{"-depth", "d", "-size", "640"}, "-size"},
		{"zero size", []string{"-depth", "d", "-size", "0x480"}, "-size"},
		{"unknown task", []string{"-depth", "d", "-tasks", "depth,edges"}, "edges"},
		{"task without model", []string{"-depth", "d", "-tasks", "normals"}, "-normals is empty"},
		{"no iterations", []string{"-depth", "d", "-iters", "0"}, "-iters"},
		{"negative res", []string{"-depth", "d", "-res", "-1"}, "-res"},
		{"stray argument", []string{"-depth", "d", "extra.onnx"}, "extra.onnx"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := parseOptions(c.args, io.Discard)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}
