package inference

import (
	"encoding/binary"
	"encoding/json"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// goldenCase is one entry of the manifest scripts/make_golden_resize.py writes.
type goldenCase struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
	Src  [2]int `json:"src"`
	Res  int    `json:"res"`
	Dst  [2]int `json:"dst"`
	File string `json:"file"`
}

// torchvisionGolden runs the golden generator with Debian's torchvision into a temporary folder.
func torchvisionGolden(t *testing.T) (string, []goldenCase) {
	t.Helper()
	const python = "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import torchvision").Run(); err != nil {
		t.Skipf("Debian's python3-torchvision is missing (bash scripts/install-deps.sh test): %v", err)
	}
	dir := t.TempDir()
	cmd := exec.Command(python, filepath.Join("..", "scripts", "make_golden_resize.py"), dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make_golden_resize.py: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct{ Cases []goldenCase }
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return dir, m.Cases
}

// goldenPattern regenerates the generator's input pattern channel c at (x, y).
func goldenPattern(x, y, c int) int {
	switch c {
	case 0:
		return ((x*x + y*y) >> 6) & 255
	case 1:
		return ((x * y) >> 5) & 255
	}
	return (x ^ (3 * y)) & 255
}

func TestResizeMatchesTorchvision(t *testing.T) {
	dir, cases := torchvisionGolden(t)
	for _, gc := range cases {
		t.Run(gc.Kind+"_"+gc.Name, func(t *testing.T) {
			sw, sh, dw, dh := gc.Src[0], gc.Src[1], gc.Dst[0], gc.Dst[1]
			var plans planCache
			var scratch resizeScratch
			if gc.Kind == "f32" {
				src := make([]float32, sw*sh)
				for y := range sh {
					for x := range sw {
						src[y*sw+x] = float32(goldenPattern(x, y, 0)) / 255
					}
				}
				got := make([]float32, dw*dh)
				resizeFloat(src, sw, 1, got, dw, 0, dh, plans.get(sw, dw), plans.get(sh, dh), &scratch)
				raw, err := os.ReadFile(filepath.Join(dir, gc.File))
				if err != nil {
					t.Fatal(err)
				}
				var worst float64
				for i := range got {
					want := math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
					worst = math.Max(worst, math.Abs(float64(got[i]-want)))
				}
				t.Logf("%dx%d -> %dx%d: max |diff| %.3g", sw, sh, dw, dh, worst)
				if worst > 1e-5 {
					t.Errorf("max |diff| %.3g > 1e-5", worst)
				}
				return
			}
			if w, h := processingSize(sw, sh, gc.Res); w != dw || h != dh {
				t.Fatalf("processingSize(%d,%d,%d) = %dx%d, reference %dx%d", sw, sh, gc.Res, w, h, dw, dh)
			}
			src := &RGB{Width: sw, Height: sh, Pix: make([]byte, sw*sh*3)}
			for y := range sh {
				for x := range sw {
					for c := range 3 {
						src.Pix[(y*sw+x)*3+c] = byte(goldenPattern(x, y, c))
					}
				}
			}
			got := &RGB{}
			got.resizePix(dw, dh)
			resizeRGB8(src, dw, 0, dh, plans.get(sw, dw), plans.get(sh, dh), &scratch, func(y int, sums []float32) {
				roundRow(sums, got.Pix[y*dw*3:(y+1)*dw*3])
			})
			fh, err := os.Open(filepath.Join(dir, gc.File))
			if err != nil {
				t.Fatal(err)
			}
			defer fh.Close()
			img, err := png.Decode(fh)
			if err != nil {
				t.Fatal(err)
			}
			want := &RGB{}
			imageToRGB(img, want)
			differ, worst := 0, 0
			for i := range got.Pix {
				d := int(got.Pix[i]) - int(want.Pix[i])
				if d != 0 {
					differ++
					worst = max(worst, d, -d)
				}
			}
			t.Logf("%dx%d -> %dx%d: %d of %d values differ, max |diff| %d", sw, sh, dw, dh, differ, len(got.Pix), worst)
			if worst > 1 {
				t.Errorf("max |diff| %d > 1 uint8 level", worst)
			}
		})
	}
}
