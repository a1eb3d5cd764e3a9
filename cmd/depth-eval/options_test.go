package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantText string
	}{
		{name: "help", args: []string{"-h"}, wantCode: 0, wantText: "Saved predictions"},
		{name: "no data", args: []string{"-model", "m.onnx"}, wantCode: 2, wantText: "-data is required"},
		{name: "no model nor predictions", args: []string{"-data", "d"}, wantCode: 2, wantText: "either a model"},
		{name: "model and predictions", args: []string{"-data", "d", "-model", "m.onnx", "-pred", "p"}, wantCode: 2, wantText: "either a model"},
		{name: "model and depth model", args: []string{"-data", "d", "-model", "m.onnx", "-depth-model", "x.onnx"}, wantCode: 2, wantText: "excludes"},
		{name: "unknown preset", args: []string{"-data", "d", "-pred", "p", "-preset", "mars"}, wantCode: 2, wantText: "unknown data set preset"},
		{name: "bad progress mode", args: []string{"-data", "d", "-pred", "p", "-progress", "sometimes"}, wantCode: 2, wantText: "-progress"},
		{name: "stray argument", args: []string{"-data", "d", "-pred", "p", "extra"}, wantCode: 2, wantText: "unexpected argument"},
		{name: "missing data set", args: []string{"-data", "/nonexistent", "-pred", "p"}, wantCode: 1, wantText: "camera.json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tc.args, &stdout, &stderr)
			if code != tc.wantCode {
				t.Errorf("exit %d, want %d", code, tc.wantCode)
			}
			if !strings.Contains(stderr.String(), tc.wantText) {
				t.Errorf("stderr lacks %q:\n%s", tc.wantText, stderr.String())
			}
		})
	}
}
