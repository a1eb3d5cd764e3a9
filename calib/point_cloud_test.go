package calib

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/depthnode/depthnode/internal/rostest"
)

func TestDecodeXYZRospyClouds(t *testing.T) {
	dir := t.TempDir()
	if out, err := rostest.Python("../testdata/calib/make_clouds.py", dir).CombinedOutput(); err != nil {
		t.Fatalf("make_clouds.py: %v\n%s", err, out)
	}
	for _, name := range []string{"xyz32", "padded", "float64", "bigendian_organised", "no_z"} {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, name+".msg"))
			if err != nil {
				t.Fatal(err)
			}
			var want struct{ Points [][3]float64 }
			js, err := os.ReadFile(filepath.Join(dir, name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(js, &want); err != nil {
				t.Fatal(err)
			}
			pc, err := parsePointCloud2(raw)
			if err != nil {
				t.Fatalf("parse the rospy message: %v", err)
			}
			got, err := DecodeXYZ(pc, nil)
			if want.Points == nil {
				if !errors.Is(err, ErrPointCloud) {
					t.Fatalf("err = %v, want ErrPointCloud", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want.Points) || len(got) == 0 {
				t.Fatalf("decoded %d points, want %d", len(got), len(want.Points))
			}
			for i, w := range want.Points {
				// Coordinates are exact in float32, so they must match exactly.
				if got[i] != (Vec3{w[0], w[1], w[2]}) {
					t.Fatalf("point %d = %v, want %v", i, got[i], w)
				}
			}
		})
	}
}

// handCloud lays out n points little-endian with x/y/z FLOAT32 at 0/4/8.
func handCloud(n int) *PointCloud2 {
	pc := &PointCloud2{Height: 1, Width: uint32(n), PointStep: 12, RowStep: uint32(12 * n),
		Fields: []PointField{{"x", 0, PointFieldFloat32, 1}, {"y", 4, PointFieldFloat32, 1}, {"z", 8, PointFieldFloat32, 1}}}
	pc.Data = make([]byte, 12*n)
	for i := 0; i < n; i++ {
		for j := 0; j < 3; j++ {
			binary.LittleEndian.PutUint32(pc.Data[12*i+4*j:], math.Float32bits(float32(i*3+j)))
		}
	}
	return pc
}

func TestDecodeXYZRefuses(t *testing.T) {
	cases := []struct {
		name string
		edit func(*PointCloud2)
	}{
		{"short_data", func(pc *PointCloud2) { pc.Data = pc.Data[:len(pc.Data)-1] }},
		{"no_fields", func(pc *PointCloud2) { pc.Fields = nil }},
		{"int_field", func(pc *PointCloud2) { pc.Fields[1].Datatype = PointFieldInt32 }},
		{"field_past_point_step", func(pc *PointCloud2) { pc.Fields[2].Offset = 10 }},
		{"row_step_too_small", func(pc *PointCloud2) { pc.Height, pc.Width, pc.RowStep = 2, 2, 20 }},
		{"height_claims_more", func(pc *PointCloud2) { pc.Height = 3 }},
		{"huge_width", func(pc *PointCloud2) { pc.Width = math.MaxUint32 }},
		{"huge_everything", func(pc *PointCloud2) {
			pc.Width, pc.Height, pc.PointStep, pc.RowStep = math.MaxUint32, math.MaxUint32, math.MaxUint32, math.MaxUint32
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pc := handCloud(4)
			tc.edit(pc)
			prefix := []Vec3{{1, 1, 1}}
			got, err := DecodeXYZ(pc, prefix)
			if !errors.Is(err, ErrPointCloud) {
				t.Fatalf("err = %v, want ErrPointCloud", err)
			}
			if len(got) != 1 {
				t.Fatalf("refused cloud appended %d points", len(got)-1)
			}
		})
	}
}

func TestDecodeXYZAppendsAndEmpty(t *testing.T) {
	got, err := DecodeXYZ(handCloud(3), []Vec3{{-1, -1, -1}})
	if err != nil {
		t.Fatal(err)
	}
	want := []Vec3{{-1, -1, -1}, {0, 1, 2}, {3, 4, 5}, {6, 7, 8}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
	empty := handCloud(0)
	if got, err := DecodeXYZ(empty, nil); err != nil || len(got) != 0 {
		t.Fatalf("empty cloud: %v, %v", got, err)
	}
}

// FuzzDecodeXYZ feeds arbitrary layouts and bytes: the decoder must never
// panic, and a cloud it accepts yields only finite points.
func FuzzDecodeXYZ(f *testing.F) {
	seed := handCloud(3)
	f.Add(seed.Data, uint32(3), uint32(1), uint32(12), uint32(36), uint32(0), uint32(4), uint32(8), uint8(7), uint8(7), uint8(7), false)
	f.Add(seed.Data, uint32(1), uint32(3), uint32(12), uint32(12), uint32(0), uint32(4), uint32(8), uint8(7), uint8(7), uint8(7), true)
	f.Add(make([]byte, 64), uint32(2), uint32(1), uint32(32), uint32(64), uint32(0), uint32(8), uint32(16), uint8(8), uint8(8), uint8(8), true)
	f.Add([]byte{}, uint32(0xffffffff), uint32(0xffffffff), uint32(0xffffffff), uint32(0xffffffff), uint32(0), uint32(4), uint32(8), uint8(7), uint8(7), uint8(7), false)
	f.Fuzz(func(t *testing.T, data []byte, w, h, ps, rs, xo, yo, zo uint32, xt, yt, zt uint8, be bool) {
		pc := &PointCloud2{Width: w, Height: h, PointStep: ps, RowStep: rs, IsBigEndian: be, Data: data,
			Fields: []PointField{{"x", xo, xt, 1}, {"y", yo, yt, 1}, {"z", zo, zt, 1}}}
		pts, err := DecodeXYZ(pc, nil)
		if err != nil {
			return
		}
		for _, p := range pts {
			if !p.finite() {
				t.Fatalf("non-finite point %v", p)
			}
		}
	})
}
