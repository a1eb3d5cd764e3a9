package cloud

import (
	"math"
	"testing"
)

// TestFieldsArePCLs pins the layout of pcl::PointXYZRGBNormal as pcl::toROSMsg emits it.
func TestFieldsArePCLs(t *testing.T) {
	want := []struct {
		name string
		off  uint32
	}{{"x", 0}, {"y", 4}, {"z", 8}, {"normal_x", 16}, {"normal_y", 20}, {"normal_z", 24}, {"rgb", 32}, {"curvature", 36}}
	got := Fields()
	if len(got) != len(want) {
		t.Fatalf("%d fields, want %d", len(got), len(want))
	}
	for i, w := range want {
		if got[i] != (Field{Name: w.name, Offset: w.off, Datatype: 7, Count: 1}) {
			t.Errorf("field %d = %+v, want %s at %d FLOAT32 x1", i, got[i], w.name, w.off)
		}
	}
	if PointStep != 48 {
		t.Errorf("point_step %d, want sizeof(pcl::PointXYZRGBNormal) = 48", PointStep)
	}
	got[0].Name = "changed"
	if Fields()[0].Name != "x" {
		t.Error("Fields shares its slice between calls")
	}
}

func TestPointBytes(t *testing.T) {
	in := frame(3, 2, 2)
	in.RGB[3*4], in.RGB[3*4+1], in.RGB[3*4+2] = 0xc1, 0x22, 0x03
	in.Normals[3*4], in.Normals[3*4+1], in.Normals[3*4+2] = 0.6, 0, -0.8
	c, _ := build(t, all(), in)
	p := c.Data[4*PointStep : 5*PointStep]
	// PCL's union puts b, g, r, a at bytes 32..35; the alpha byte stays 0.
	if p[32] != 0x03 || p[33] != 0x22 || p[34] != 0xc1 || p[35] != 0 {
		t.Errorf("rgb bytes % x, want 03 22 c1 00", p[32:36])
	}
	pt := at(c, 4)
	if pt.RGB != 0x00c12203 || pt.NX != 0.6 || pt.NY != 0 || pt.NZ != -0.8 || pt.Curvature != 0 {
		t.Errorf("point %+v", pt)
	}
	if pt.W != 1 || pt.Pad != [3]uint32{} {
		t.Errorf("padding w=%g pad=%v, want PCL's 1.0 and zeros", pt.W, pt.Pad)
	}
	if PackRGB(0xc1, 0x22, 0x03) != 0x00c12203 {
		t.Error("PackRGB")
	}
	if f := math.Float32frombits(PackRGB(255, 255, 255)); math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
		t.Errorf("packed white is %g, want a finite float", f)
	}
}

// TestStaleBytesOverwritten reuses a buffer full of 0xff: every byte of every point is written.
func TestStaleBytesOverwritten(t *testing.T) {
	in := frame(8, 6, 3)
	in.Depth[5] = float32(math.NaN())
	for _, organized := range []bool{false, true} {
		b, err := NewBuilder(Options{Stride: 1, Organized: organized})
		if err != nil {
			t.Fatal(err)
		}
		clean, _, err := b.Build(nil, in)
		if err != nil {
			t.Fatal(err)
		}
		dirty := make([]byte, b.MaxBytes(8, 6))
		for i := range dirty {
			dirty[i] = 0xff
		}
		c, _, err := b.Build(dirty, in)
		if err != nil {
			t.Fatal(err)
		}
		if &c.Data[0] != &dirty[0] {
			t.Error("Build did not use a large enough dst")
		}
		if string(c.Data) != string(clean.Data) {
			t.Errorf("organized=%v: a reused buffer gives other bytes than a fresh one", organized)
		}
	}
}
