package inference

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// pilCase is one entry of the manifest scripts/make_golden_jpeg.py writes.
type pilCase struct {
	Name          string
	Width, Height int
	JPEG, RGB     string
}

// pilJPEGs runs scripts/make_golden_jpeg.py with Debian's PIL into a temporary folder.
func pilJPEGs(t *testing.T) (string, []pilCase) {
	t.Helper()
	const python = "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import PIL, numpy").Run(); err != nil {
		t.Skipf("Debian's python3-pil is missing (bash scripts/install-deps.sh test): %v", err)
	}
	dir := t.TempDir()
	if out, err := exec.Command(python, filepath.Join("..", "scripts", "make_golden_jpeg.py"), dir).CombinedOutput(); err != nil {
		t.Fatalf("make_golden_jpeg.py: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct{ Cases []pilCase }
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return dir, m.Cases
}

// TestJPEGMatchesPIL decodes JPEGs the way the reference pipeline's PIL does: libjpeg-turbo
// must give PIL's pixels exactly; CMYK, which only Go's decoder reads, within a level.
func TestJPEGMatchesPIL(t *testing.T) {
	dir, cases := pilJPEGs(t)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, c.JPEG))
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(dir, c.RGB))
			if err != nil {
				t.Fatal(err)
			}
			var got RGB
			if err := DecodeCompressed("jpeg", data, &got); err != nil {
				t.Fatal(err)
			}
			if got.Width != c.Width || got.Height != c.Height {
				t.Fatalf("decoded %dx%d, PIL %dx%d", got.Width, got.Height, c.Width, c.Height)
			}
			tolerance := 0
			turbo := decodeJPEGTurbo(data, &RGB{}, Limits{})
			if c.Name == "cmyk" {
				if !errors.Is(turbo, errTurboRefused) {
					t.Fatalf("libjpeg-turbo decoded CMYK (%v); this case is meant to test Go's fallback", turbo)
				}
				tolerance = 1
			} else if turbo != nil {
				t.Fatalf("libjpeg-turbo refused a %s JPEG: %v", c.Name, turbo)
			}
			differ, worst := 0, 0
			for i, v := range got.Pix[:len(want)] {
				d := max(int(v)-int(want[i]), int(want[i])-int(v))
				if d > 0 {
					differ++
				}
				worst = max(worst, d)
			}
			t.Logf("%s %dx%d: %d of %d values differ from PIL, max |diff| %d", c.Name, c.Width, c.Height, differ, len(want), worst)
			if worst > tolerance {
				t.Errorf("max |diff| from PIL %d > %d", worst, tolerance)
			}
		})
	}
}
