package eval

import (
	"errors"
	"testing"
)

func TestCrops(t *testing.T) {
	tests := []struct {
		name string
		crop Crop
		w, h int
		want Rect
	}{
		{name: "eigen on NYUv2 frame", crop: EigenCrop, w: 640, h: 480, want: Rect{41, 45, 601, 471}},
		{name: "eigen scaled to half size", crop: EigenCrop, w: 320, h: 240, want: Rect{20, 22, 300, 235}},
		// int(0.03594771*1216)=43, int(0.40810811*352)=143, int(0.96405229*1216)=1172, int(0.99189189*352)=349.
		{name: "garg on KITTI benchmark crop", crop: GargCrop, w: 1216, h: 352, want: Rect{43, 143, 1172, 349}},
		{name: "full frame", crop: FullFrame, w: 7, h: 5, want: Rect{0, 0, 7, 5}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.crop(tc.w, tc.h); got != tc.want {
				t.Errorf("crop(%d,%d) = %+v, want %+v", tc.w, tc.h, got, tc.want)
			}
		})
	}
}

func TestValidMask(t *testing.T) {
	window := func(w, h int) Rect { return Rect{1, 0, 3, 2} }
	p := Preset{Name: "test", MinDepth: 1, MaxDepth: 10, Crop: window}
	// 3 columns x 2 rows; column 0 is outside the window.
	gt := []float32{5, 0, 1, 5, 10, 9.99}
	want := []bool{false, false, false, false, false, true}
	got, err := p.ValidMask(gt, 3, 2)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("pixel %d (gt %v): valid = %v, want %v", i, gt[i], got[i], want[i])
		}
	}
	if _, err := p.ValidMask(gt, 4, 2); !errors.Is(err, ErrSizeMismatch) {
		t.Errorf("wrong size: err = %v, want ErrSizeMismatch", err)
	}
}

func TestLookupPreset(t *testing.T) {
	tests := []struct {
		name     string
		min, max float64
		wantErr  error
	}{
		{name: "nyuv2", min: 1e-3, max: 10},
		{name: "kitti", min: 1e-5, max: 80},
		{name: "diode", min: 0.6, max: 350},
		{name: "scannet", min: 1e-3, max: 10},
		{name: "synthetic", min: 1e-3, max: 65.535},
		{name: "middlebury", wantErr: ErrUnknownPreset},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := LookupPreset(tc.name)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if err == nil && (p.MinDepth != tc.min || p.MaxDepth != tc.max) {
				t.Errorf("range = %v..%v, want %v..%v", p.MinDepth, p.MaxDepth, tc.min, tc.max)
			}
		})
	}
}
