package main

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/depthnode/depthnode/eval"
	"github.com/depthnode/depthnode/synth"
)

// tinyDataset writes a 4x1 two-frame data set: frame 0 has depth 1, 2, 3, 10 m and every
// normal facing the camera; frame 1 has no valid pixel (all sky).
func tinyDataset(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	in := synth.Intrinsics{Width: 4, Height: 1, Fx: 3, Fy: 3, Cx: 1.5, Cy: 0}
	if err := synth.WriteCamera(dir, synth.DatasetCamera{Width: 4, Height: 1, Fx: 3, Fy: 3, Cx: 1.5, Frames: 2}); err != nil {
		t.Fatal(err)
	}
	nan := float32(math.NaN())
	for i, depth := range [][]float32{{1, 2, 3, 10}, {nan, nan, nan, nan}} {
		img := synth.NewImage(in)
		copy(img.Depth, depth)
		for p := range depth {
			img.Normals[3*p+2] = -1
			if math.IsNaN(float64(depth[p])) {
				img.Normals[3*p], img.Normals[3*p+1], img.Normals[3*p+2] = nan, nan, nan
			}
		}
		if err := synth.SaveImage(dir, i, img); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// tiltedNormals are (0,0,-1) turned about x by 10, 20, 35 and 45 degrees.
func tiltedNormals() []float32 {
	var n []float32
	for _, deg := range []float64{10, 20, 35, 45} {
		a := deg * math.Pi / 180
		n = append(n, 0, float32(math.Sin(a)), float32(-math.Cos(a)))
	}
	return n
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// savePredictions writes frames 0 and 1 of depth [0,1,2,3] and the tilted normals, as .npy
// or as 16-bit PNGs.
func savePredictions(t *testing.T, format string) string {
	t.Helper()
	dir := t.TempDir()
	depth := []float32{0, 1, 2, 3}
	normals := tiltedNormals()
	for i := 0; i < 2; i++ {
		stem := filepath.Join(dir, []string{"000000", "000001"}[i])
		if format == "npy" {
			writeNpyFile(t, stem+"_depth.npy", "<f4", false, "(1, 4)", float32Bytes(depth...))
			writeNpyFile(t, stem+"_normals.npy", "<f4", false, "(1, 4, 3)", float32Bytes(normals...))
			continue
		}
		d := image.NewGray16(image.Rect(0, 0, 4, 1))
		n := image.NewRGBA64(image.Rect(0, 0, 4, 1))
		for x := 0; x < 4; x++ {
			// depth/3*65535 is an exact integer here, and alignment undoes the scale.
			d.SetGray16(x, 0, color.Gray16{Y: uint16(depth[x] / 3 * 65535)})
			q := func(v float32) uint16 { return uint16(math.Round((float64(v) + 1) / 2 * 65535)) }
			n.SetRGBA64(x, 0, color.RGBA64{R: q(normals[3*x]), G: q(normals[3*x+1]), B: q(normals[3*x+2]), A: 0xffff})
		}
		writePNG(t, stem+"_depth.png", d)
		writePNG(t, stem+"_normals.png", n)
	}
	return dir
}

func runJSON(t *testing.T, args ...string) eval.Report {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(append(args, "-json"), &stdout, &stderr); code != 0 {
		t.Fatalf("depth-eval %v: exit %d\n%s", args, code, stderr.String())
	}
	var r eval.Report
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		t.Fatalf("%v\n%s", err, stdout.String())
	}
	return r
}

func TestSavedPredictions(t *testing.T) {
	data := tinyDataset(t)
	for _, format := range []string{"npy", "png"} {
		t.Run(format, func(t *testing.T) {
			r := runJSON(t, "-data", data, "-pred", savePredictions(t, format))
			if r.Frames != 2 || r.Skipped != 1 {
				t.Errorf("frames %d skipped %d, want 2 and 1 (frame 1 is all sky)", r.Frames, r.Skipped)
			}
			// By hand (see eval's tests): fit s=2.8, t=-0.2; AbsRel=(0.999+0.3+0.8+0.18)/4; delta1=1/4.
			if r.Depth == nil || r.Depth.Images != 1 || math.Abs(r.Depth.AbsRel-2.279/4) > 1e-5 || math.Abs(r.Depth.Delta1-0.25) > 1e-9 {
				t.Errorf("depth = %+v, want 1 image, AbsRel %.5f, delta1 0.25", r.Depth, 2.279/4)
			}
			// Angles 10, 20, 35, 45: mean = median = 27.5; under 11.25: 1, under 22.5 and 30: 2.
			n := r.Normals
			if n == nil || n.Pixels != 4 {
				t.Fatalf("normals = %+v, want 4 pixels", n)
			}
			for _, c := range []struct {
				name      string
				got, want float64
			}{{"mean", n.Mean, 27.5}, {"median", n.Median, 27.5}, {"<11.25", n.Under11, 25}, {"<22.5", n.Under22, 50}, {"<30", n.Under30, 50}} {
				if math.Abs(c.got-c.want) > 0.01 {
					t.Errorf("normals %s = %v, want %v", c.name, c.got, c.want)
				}
			}
		})
	}
}

func TestDepthOnlyDataset(t *testing.T) {
	data := tinyDataset(t)
	for _, f := range []string{"000000_normals.png", "000001_normals.png"} {
		if err := os.Remove(filepath.Join(data, f)); err != nil {
			t.Fatal(err)
		}
	}
	r := runJSON(t, "-data", data, "-pred", savePredictions(t, "npy"))
	if r.Normals != nil {
		t.Errorf("normals scored without ground truth: %+v", r.Normals)
	}
	if r.Depth == nil || math.Abs(r.Depth.AbsRel-2.279/4) > 1e-5 {
		t.Errorf("depth = %+v, want AbsRel %.5f", r.Depth, 2.279/4)
	}
}

func TestMissingPredictionFails(t *testing.T) {
	data := tinyDataset(t)
	pred := savePredictions(t, "npy")
	if err := os.Remove(filepath.Join(pred, "000001_depth.npy")); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-data", data, "-pred", pred}, &stdout, &stderr); code != 1 {
		t.Errorf("exit %d, want 1; stderr:\n%s", code, stderr.String())
	}
}
