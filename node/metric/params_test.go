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

// TestMetricStageDisabledOrRefused: ~align false (source lidar) starts nothing; ~align
// without a depth model, and the floor without normals or a floor, are refused at start with
// one line naming the parameter.
func TestMetricStageDisabledOrRefused(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(p *params.Params)
		wantErr string
	}{
		{name: "align off", edit: func(p *params.Params) { p.DepthModel = "m.onnx" }},
		{name: "align on, normals model only", edit: func(p *params.Params) { p.Align, p.NormalsModel = true, "n.onnx" }, wantErr: "~align"},
		{name: "ground without a normals model", edit: func(p *params.Params) { p.AlignSource, p.DepthModel = SourceGround, "m.onnx" }, wantErr: "~normals_model"},
		{name: "ground with neither TF frame nor height", edit: func(p *params.Params) {
			p.AlignSource, p.DepthModel, p.NormalsModel, p.GroundFrame = SourceGround, "m.onnx", "m.onnx", ""
		}, wantErr: "~camera_height"},
		{name: "pitch without height", edit: func(p *params.Params) {
			p.AlignSource, p.DepthModel, p.NormalsModel, p.CameraPitch = SourceGround, "m.onnx", "m.onnx", 0.2
		}, wantErr: "~camera_pitch"},
		{name: "ground tolerance out of calib's range", edit: func(p *params.Params) {
			p.AlignSource, p.DepthModel, p.NormalsModel, p.GroundMaxSamples = SourceGround, "m.onnx", "m.onnx", 100
		}, wantErr: "ground_max_samples"},
		{name: "lidar source, align off", edit: func(p *params.Params) { p.DepthModel, p.NormalsModel = "m.onnx", "m.onnx" }},
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

// TestGroundConfig: the ~ground_* parameters and the shared ~align_* ones land in
// calib.GroundConfig; the parameters' floor follows ~camera_height/pitch/roll.
func TestGroundConfig(t *testing.T) {
	p := params.Defaults()
	p.DepthModel, p.NormalsModel = "m.onnx", "m.onnx"
	for k, v := range map[string]any{"align_source": "ground", "align_space": "disparity", "ground_normal_tolerance": 7.5,
		"ground_min_depression": 5.0, "ground_min_pixels": 300, "ground_max_samples": 4096, "align_max_age": 2.0,
		"camera_height": 1.25, "camera_pitch": 0.3} {
		if err := p.Set(k, v, ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	cfg, err := groundConfig(p)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Space != calib.SpaceDisparity || cfg.ToleranceDeg != 7.5 || cfg.MinDepressionDeg != 5 || cfg.MinPixels != 300 ||
		cfg.MaxSamples != 4096 || cfg.MaxAge != 2*time.Second {
		t.Fatalf("config %+v", cfg)
	}
	fp, err := groundSetup(p)
	if err != nil || fp.floor == nil || fp.heightOnly != 0 {
		t.Fatalf("floor params %+v, %v", fp, err)
	}
	want, _ := calib.FloorFromAttitude(1.25, 0.3, 0)
	if *fp.floor != want {
		t.Fatalf("floor %+v, want %+v", *fp.floor, want)
	}
	p.CameraPitch = params.AngleUnset
	if fp, err = groundSetup(p); err != nil || fp.floor != nil || fp.heightOnly != 1.25 {
		t.Fatalf("height only: %+v, %v", fp, err)
	}
	for name, v := range map[string]any{"camera_pitch": 1.7, "camera_roll": -3.3, "camera_height": -1.0, "align_source": "floor"} {
		q := params.Defaults()
		q.DepthModel = "m.onnx"
		err := q.Set(name, v, "")
		if err == nil {
			err = q.Validate()
		}
		if !errors.Is(err, params.ErrBadParam) || !strings.Contains(err.Error(), name) {
			t.Errorf("%s = %v: err %v", name, v, err)
		}
	}
}
