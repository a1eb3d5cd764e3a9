package params

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestParamsSetAndValidate(t *testing.T) {
	base := func() Params { p := Defaults(); p.DepthModel = "m.onnx"; return p }
	tests := []struct {
		name    string
		set     map[string]any
		text    map[string]string
		check   func(Params) bool
		wantErr string // parameter named in the error; "" = valid
	}{
		{name: "defaults with a model", check: func(p Params) bool { return p.ProcessingRes == -1 && p.DepthStretch && p.Transport == "raw" }},
		{name: "int where float", set: map[string]any{"align_smoothing": 0}, check: func(p Params) bool { return p.AlignSmoothing == 0 }},
		{name: "float value", set: map[string]any{"align_sync_slop": 0.1}, check: func(p Params) bool { return p.AlignSyncSlop == 0.1 }},
		{name: "numeric text for a string", set: map[string]any{"preview_token": 1234}, text: map[string]string{"preview_token": "1234"}, check: func(p Params) bool { return p.PreviewToken == "1234" }},
		{name: "processing_res set", set: map[string]any{"processing_res": 0}, check: func(p Params) bool { return p.ProcessingRes == 0 }},
		{name: "cuda index", set: map[string]any{"device": "cuda:1"}, check: func(p Params) bool { return p.Device == "cuda:1" }},
		{name: "empty preview", set: map[string]any{"preview_addr": ""}, check: func(p Params) bool { return p.PreviewAddr == "" }},
		{name: "float for int", set: map[string]any{"processing_res": 512.5}, wantErr: "~processing_res"},
		{name: "string for bool", set: map[string]any{"depth_stretch": "yes"}, wantErr: "~depth_stretch"},
		{name: "int for string from server", set: map[string]any{"device": 3}, wantErr: "~device"},
		{name: "unknown", set: map[string]any{"procesing_res": 3}, wantErr: "~procesing_res"},
		{name: "bad device", set: map[string]any{"device": "gpu"}, wantErr: "~device"},
		{name: "bad transport", set: map[string]any{"transport": "theora"}, wantErr: "~transport"},
		{name: "negative res", set: map[string]any{"processing_res": -5}, wantErr: "~processing_res"},
		{name: "threads set", set: map[string]any{"threads": 1}, check: func(p Params) bool { return p.Threads == 1 }},
		{name: "negative threads", set: map[string]any{"threads": -1}, wantErr: "~threads"},
		{name: "prepost threads set", set: map[string]any{"prepost_threads": 2}, check: func(p Params) bool { return p.PrePostThreads == 2 }},
		{name: "negative prepost threads", set: map[string]any{"prepost_threads": -1}, wantErr: "~prepost_threads"},
		{name: "jpeg quality default", check: func(p Params) bool { return p.JPEGQuality == 80 }},
		{name: "jpeg quality set", set: map[string]any{"jpeg_quality": 95}, check: func(p Params) bool { return p.JPEGQuality == 95 }},
		{name: "jpeg quality 0", set: map[string]any{"jpeg_quality": 0}, wantErr: "~jpeg_quality"},
		{name: "jpeg quality 101", set: map[string]any{"jpeg_quality": 101}, wantErr: "~jpeg_quality"},
		{name: "smoothing 1", set: map[string]any{"align_smoothing": 1}, wantErr: "~align_smoothing"},
		{name: "slop 0", set: map[string]any{"align_sync_slop": 0}, wantErr: "~align_sync_slop"},
		{name: "space", set: map[string]any{"align_space": "inverse"}, wantErr: "~align_space"},
		{name: "min points", set: map[string]any{"align_min_points": 1}, wantErr: "~align_min_points"},
		{name: "max range zero", set: map[string]any{"align_max_range": 0}, wantErr: "~align_max_range"},
		{name: "max below min", set: map[string]any{"align_min_range": 5, "align_max_range": 2}, wantErr: "~align_max_range"},
		{name: "pose count", set: map[string]any{"lidar_to_camera": "1 2 3"}, wantErr: "~lidar_to_camera"},
		{name: "pose zero quaternion", set: map[string]any{"lidar_to_camera": "1 2 3 0 0 0 0"}, wantErr: "~lidar_to_camera"},
		{name: "preview addr", set: map[string]any{"preview_addr": "8080"}, wantErr: "~preview_addr"},
		{name: "preview width odd", set: map[string]any{"preview_width": 641}, wantErr: "~preview_width"},
		{name: "no model", set: map[string]any{"depth_model": ""}, wantErr: "~depth_model"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := base()
			var err error
			for k, v := range tc.set {
				if err = p.Set(k, v, tc.text[k]); err != nil {
					break
				}
			}
			if err == nil {
				err = p.Validate()
			}
			if tc.wantErr != "" {
				if !errors.Is(err, ErrBadParam) || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want ErrBadParam naming %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tc.check(p) {
				t.Fatalf("params not as expected: %+v", p)
			}
		})
	}
}

func TestParsePose(t *testing.T) {
	p, err := ParsePose("0.1, -0.2 0.3 0 0 2 2")
	if err != nil {
		t.Fatal(err)
	}
	// (0,0,2,2) normalised is (0,0,1/sqrt2,1/sqrt2): a 90 degree turn about z.
	want := [4]float64{0, 0, math.Sqrt2 / 2, math.Sqrt2 / 2}
	for i := range want {
		if math.Abs(p.Q[i]-want[i]) > 1e-12 {
			t.Fatalf("Q = %v, want %v", p.Q, want)
		}
	}
	if p.T != [3]float64{0.1, -0.2, 0.3} {
		t.Fatalf("T = %v", p.T)
	}
	if p, err := ParsePose("  "); p != nil || err != nil {
		t.Fatalf("empty pose = %v, %v; want nil, nil", p, err)
	}
	if _, err := ParsePose("1 2 3 0 0 0 nan"); !errors.Is(err, ErrBadPose) {
		t.Fatalf("nan pose err = %v", err)
	}
}
