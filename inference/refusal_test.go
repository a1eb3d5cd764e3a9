package inference

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenRefusesNonContractModels(t *testing.T) {
	dir := t.TempDir()
	badMeta := filepath.Join(dir, "missing.onnx")
	cases := []struct {
		name  string
		cfg   Config
		want  error
		words []string // every word must appear in the one-line message
	}{
		{"wrong rank", Config{DepthModel: fixture("bad_rank.onnx")}, ErrModel, []string{"bad_rank.onnx", "[N,3,H,W]", "rank 3"}},
		{"four channels", Config{DepthModel: fixture("bad_channels.onnx")}, ErrModel, []string{"bad_channels.onnx", "3 (RGB) channels", "got 4"}},
		{"int input", Config{DepthModel: fixture("bad_dtype.onnx")}, ErrModel, []string{"bad_dtype.onnx", "float32 or float16"}},
		{"depth with 3 channels", Config{DepthModel: fixture("bad_depth_channels.onnx")}, ErrModel, []string{`output "depth"`, "[N,1,H,W]"}},
		{"two inputs", Config{DepthModel: fixture("two_inputs.onnx")}, ErrModel, []string{"exactly one input", `"image", "other"`}},
		{"no known output", Config{DepthModel: fixture("no_known_output.onnx")}, ErrModel, []string{`no output named "depth" or "normals"`, `"out"`}},
		{"not onnx", Config{DepthModel: fixture("not_onnx.onnx")}, ErrModel, []string{"not_onnx.onnx", "not a readable ONNX model"}},
		{"missing file", Config{DepthModel: badMeta}, ErrModel, []string{"missing.onnx", "cannot read the file"}},
		{"directory", Config{DepthModel: dir}, ErrModel, []string{"is a directory"}},
		{"depth model without depth", Config{DepthModel: fixture("normals_identity.onnx")}, ErrModel, []string{"given as depth_model", `no "depth" output`}},
		{"normals model without normals", Config{NormalsModel: fixture("depth_mean.onnx")}, ErrModel, []string{"given as normals_model", `no "normals" output`}},
		{"nothing to load", Config{}, ErrBadConfig, []string{"depth_model and normals_model"}},
		{"bad device", Config{DepthModel: fixture("depth_mean.onnx"), Device: "gpu"}, ErrBadConfig, []string{`device "gpu"`}},
		{"bad gpu index", Config{DepthModel: fixture("depth_mean.onnx"), Device: "cuda:x"}, ErrBadConfig, []string{`device "cuda:x"`}},
		{"cpu with index", Config{DepthModel: fixture("depth_mean.onnx"), Device: "cpu:1"}, ErrBadConfig, []string{"only cuda and tensorrt"}},
		{"negative threads", Config{DepthModel: fixture("depth_mean.onnx"), Threads: -1}, ErrBadConfig, []string{"threads"}},
		{"huge processing_res", Config{DepthModel: fixture("depth_mean.onnx"), ProcessingRes: 100000}, ErrBadConfig, []string{"processing_res"}},
		{"negative gpu_mem_limit", Config{DepthModel: fixture("depth_mean.onnx"), GPUMemLimit: -5}, ErrBadConfig, []string{"gpu_mem_limit"}},
		{"bad warm-up size", Config{DepthModel: fixture("depth_mean.onnx"), WarmupWidth: -1}, ErrBadConfig, []string{"warmup"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.cfg.Device == "" {
				tc.cfg.Device = "cpu"
			}
			e, err := Open(tc.cfg, testLogger(t))
			if err == nil {
				e.Close()
				t.Fatal("Open accepted it")
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("error %v is not %v", err, tc.want)
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") {
				t.Errorf("message spans lines: %q", msg)
			}
			for _, w := range tc.words {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
			t.Log(msg)
		})
	}
}

func TestMetadataRefusals(t *testing.T) {
	cases := []struct {
		key, value string
	}{
		{"pad_multiple", "0"},
		{"pad_multiple", "sixty-four"},
		{"pad_multiple", "4096"},
		{"processing_res", "-3"},
		{"processing_res", "big"},
		{"normals_convention", "opengl"},
	}
	for _, tc := range cases {
		t.Run(tc.key+"="+tc.value, func(t *testing.T) {
			s := &modelSpec{path: "m.onnx", padMultiple: 64}
			err := s.applyMetadata(map[string]string{tc.key: tc.value})
			if !errors.Is(err, ErrModel) || !strings.Contains(err.Error(), tc.key) {
				t.Fatalf("applyMetadata(%s=%s) = %v, want ErrModel naming the key", tc.key, tc.value, err)
			}
		})
	}
	s := &modelSpec{path: "m.onnx", padMultiple: 64}
	if err := s.applyMetadata(map[string]string{"pad_multiple": "32", "processing_res": "512", "normals_convention": "Marigold", "task": "depth"}); err != nil {
		t.Fatal(err)
	}
	if s.padMultiple != 32 || s.processingRes != 512 || s.convention != ConventionMarigold || s.task != "depth" {
		t.Errorf("metadata read as %+v", s)
	}
}
