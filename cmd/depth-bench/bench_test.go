package main

import (
	"bytes"
	"encoding/json"
	"math"
	"path/filepath"
	"strings"
	"testing"
)

// fixture is a committed analytic test model (scripts/make_fixture_models.py).
func fixture(name string) string { return filepath.Join("..", "..", "testdata", "models", name) }

// runJSON runs the whole program with -json on the real ONNX Runtime and decodes its report.
func runJSON(t *testing.T, args ...string) Report {
	t.Helper()
	var out, errOut bytes.Buffer
	args = append([]string{"-json", "-threads", "1", "-size", "160x120", "-res", "128", "-warmup", "1", "-iters", "4"}, args...)
	if code := run(args, &out, &errOut); code != 0 {
		t.Fatalf("depth-bench %v: exit %d: %s", args, code, errOut.String())
	}
	var r Report
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("report %q: %v", out.String(), err)
	}
	return r
}

func TestBenchmarkReports(t *testing.T) {
	for _, c := range []struct {
		name      string
		args      []string
		wantTasks string
	}{
		{"depth", []string{"-depth", fixture("depth_mean.onnx")}, "depth"},
		{"two models", []string{"-depth", fixture("depth_mean.onnx"), "-normals", fixture("normals_identity.onnx")}, "depth+normals"},
		{"combined, normals only", []string{"-depth", fixture("both.onnx"), "-normals", fixture("both.onnx"), "-tasks", "normals"}, "normals"},
		{"combined float16", []string{"-depth", fixture("both_fp16.onnx"), "-normals", fixture("both_fp16.onnx")}, "depth+normals"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runJSON(t, c.args...)
			if r.Device != "cpu" || r.Tasks != c.wantTasks || r.Input != "160x120" || r.ProcessingRes != 128 ||
				r.Iterations != 4 || r.Runtime == "" {
				t.Errorf("report %+v", r)
			}
			if len(r.Stages) != 4 {
				t.Fatalf("stages %+v", r.Stages)
			}
			sum, slowest := 0.0, 0.0
			for i, s := range r.Stages {
				if s.Stage != stageNames[i] || s.MinMS <= 0 || s.P50MS > s.P95MS || s.P95MS > s.MaxMS || s.MinMS > s.MeanMS {
					t.Errorf("stage %+v", s)
				}
				if s.Stage != "total" {
					sum += s.MeanMS
					slowest = max(slowest, s.MeanMS)
				}
			}
			// Each frame's total is measured as one span covering the three stages.
			if total := r.Stages[3].MeanMS; math.Abs(total-sum) > 1e-6*total {
				t.Errorf("total mean %v ms, stage means add up to %v", total, sum)
			}
			if math.Abs(r.PipelineFPS-1000/slowest) > 1e-9 {
				t.Errorf("pipeline fps %v, want %v", r.PipelineFPS, 1000/slowest)
			}
		})
	}
}

func TestTextReport(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run([]string{"-q", "-threads", "1", "-size", "64x48", "-res", "64", "-iters", "2", "-depth", fixture("depth_mean.onnx")}, &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{"device cpu", "stage", "prepare", "infer", "finish", "total", "pipelined"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, out.String())
		}
	}
}

func TestRefusals(t *testing.T) {
	for _, c := range []struct {
		name     string
		args     []string
		code     int
		wantText string
	}{
		{"usage error", []string{"-iters", "0", "-depth", "d.onnx"}, 2, "-iters"},
		{"missing file", []string{"-depth", filepath.Join(t.TempDir(), "none.onnx")}, 1, "none.onnx"},
		{"model without the output", []string{"-normals", fixture("depth_mean.onnx")}, 1, "normals"},
		{"non-contract model", []string{"-depth", fixture("bad_channels.onnx")}, 1, "bad_channels.onnx"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if code := run(append([]string{"-q", "-threads", "1"}, c.args...), &out, &errOut); code != c.code {
				t.Fatalf("exit %d, want %d (%s)", code, c.code, errOut.String())
			}
			if !strings.Contains(errOut.String(), c.wantText) {
				t.Errorf("stderr %q lacks %q", errOut.String(), c.wantText)
			}
		})
	}
}
