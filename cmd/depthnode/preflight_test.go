package main

import (
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/depthnode/depthnode/internal/rostest"
)

// TestMissingFilesFailBeforeTheMaster: with no master to reach, a missing model file or ONNX
// Runtime library is reported at once, with the node's one line, and nothing waits on the master
// (whose retry interval is 3 s).
func TestMissingFilesFailBeforeTheMaster(t *testing.T) {
	const within = 2 * time.Second // well under one retry interval
	dir := t.TempDir()
	model := fixture(t, "depth_mean.onnx")
	tests := []struct {
		name  string
		args  []string
		env   []string
		words []string
	}{
		{"missing depth model", []string{"_depth_model:=" + filepath.Join(dir, "missing.onnx")}, nil,
			[]string{"open models: model refused: " + filepath.Join(dir, "missing.onnx") + ": cannot read the file: no such file or directory"}},
		{"normals model is a directory", []string{"_depth_model:=" + model, "_normals_model:=" + dir}, nil,
			[]string{"open models: model refused: " + dir + ": is a directory"}},
		{"missing runtime library", []string{"_depth_model:=" + model}, []string{"ONNXRUNTIME_LIB=" + filepath.Join(dir, "libonnxruntime.so.1")},
			[]string{"open models: onnx runtime unavailable: loading " + filepath.Join(dir, "libonnxruntime.so.1"), "run `make ort`"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out rostest.Output
			cmd := exec.Command(depthnodeBinary(t), append(tc.args, "__master:=http://127.0.0.1:1/", "_device:=cpu")...)
			cmd.Env = env(nil, tc.env...)
			cmd.Stdout, cmd.Stderr = &out, &out
			start := time.Now()
			proc := rostest.Start(t, cmd)
			err, ok := proc.Wait(30 * time.Second)
			took := time.Since(start)
			if !ok {
				t.Fatalf("still running after 30 s:\n%s", out.String())
			}
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() == 0 {
				t.Fatalf("want a non-zero exit, got %v\n%s", err, out.String())
			}
			text := out.String()
			for _, w := range tc.words {
				if !strings.Contains(text, w) {
					t.Errorf("output lacks %q:\n%s", w, text)
				}
			}
			if strings.Contains(text, "cannot reach the ROS master") {
				t.Errorf("waited on the master first:\n%s", text)
			}
			if took > within {
				t.Errorf("exited after %v, want within %v", took, within)
			}
			t.Logf("exited after %v", took.Round(time.Millisecond))
		})
	}
}
