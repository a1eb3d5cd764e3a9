package metric

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/depthnode/depthnode/calib"
	"github.com/depthnode/depthnode/node/params"
	"github.com/depthnode/depthnode/node/stage"
)

// TestAlignConfig: the ~align_* parameters land in calib.Config, and a bad
// one is refused naming the parameter, by Params.Validate and by calib.
func TestAlignConfig(t *testing.T) {
	p := params.Defaults()
	p.DepthModel = "m.onnx"
	for k, v := range map[string]any{"align_space": "disparity", "align_min_points": 50, "align_min_range": 0.5,
		"align_max_range": 40, "align_smoothing": 0.3, "align_max_age": 2.5, "align_rectified": true} {
		if err := p.Set(k, v, ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	cfg, err := alignConfig(p)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Space != calib.SpaceDisparity || cfg.MinPoints != 50 || cfg.MinRange != 0.5 || cfg.MaxRange != 40 ||
		cfg.Smoothing != 0.3 || cfg.MaxAge != 2500*time.Millisecond || !p.AlignRectified {
		t.Fatalf("config %+v", cfg)
	}
	if d := params.Defaults(); d.AlignMaxAge != 1 || d.AlignRectified {
		t.Fatalf("defaults %+v", d)
	}

	tests := []struct {
		name string
		set  map[string]any
		key  string
	}{
		{"max age zero", map[string]any{"align_max_age": 0}, "~align_max_age"},
		{"max age negative", map[string]any{"align_max_age": -1.0}, "~align_max_age"},
		{"rectified not a bool", map[string]any{"align_rectified": "yes"}, "~align_rectified"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := params.Defaults()
			q.DepthModel = "m.onnx"
			var err error
			for k, v := range tc.set {
				if err = q.Set(k, v, ""); err != nil {
					break
				}
			}
			if err == nil {
				err = q.Validate()
			}
			if !errors.Is(err, params.ErrBadParam) || !strings.Contains(err.Error(), tc.key) {
				t.Fatalf("err = %v, want params.ErrBadParam naming %s", err, tc.key)
			}
		})
	}
	// calib checks the same bounds; its error still names the parameter.
	q := params.Defaults()
	q.AlignMaxAge = 0
	if _, err := alignConfig(q); !errors.Is(err, params.ErrBadParam) || !strings.Contains(err.Error(), "align_max_age") {
		t.Fatalf("alignConfig: %v", err)
	}
}

// TestMetricStageDisabledOrRefused: ~align false starts nothing; ~align
// without a depth model is refused at start, naming ~align.
func TestMetricStageDisabledOrRefused(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(p *params.Params)
		wantErr string
	}{
		{name: "align off", edit: func(p *params.Params) { p.DepthModel = "m.onnx" }},
		{name: "align on, normals model only", edit: func(p *params.Params) { p.Align, p.NormalsModel = true, "n.onnx" }, wantErr: "~align"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := params.Defaults()
			tc.edit(&p)
			// No ROS node: neither case may get as far as touching the graph.
			s, err := New(stage.Env{Params: p, Resolve: func(n string) string { return "/" + n }})
			if s != nil {
				t.Fatalf("stage started: %T", s)
			}
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (!errors.Is(err, params.ErrBadParam) || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("err = %v, want %q", err, tc.wantErr)
			}
		})
	}
}
