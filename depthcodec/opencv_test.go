package depthcodec

import (
	"encoding/binary"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// imdecodePy decodes the PNG part with OpenCV, as the subscriber does
// (cv::imdecode, IMREAD_UNCHANGED), and writes the 16-bit codes raw,
// little-endian, after their shape.
const imdecodePy = `
import sys, numpy as np, cv2
img = cv2.imdecode(np.fromfile(sys.argv[1], dtype=np.uint8), cv2.IMREAD_UNCHANGED)
assert img.dtype == np.uint16 and img.ndim == 2, (img.dtype, img.shape)
sys.stdout.buffer.write(np.array(img.shape, dtype="<u4").tobytes() + img.astype("<u2").tobytes())
`

// TestOpenCVReadsCodes: OpenCV's PNG decoder gives the codes the format
// defines, computed here from the formula independently of Quantizer.
func TestOpenCVReadsCodes(t *testing.T) {
	const python = "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import cv2, numpy").Run(); err != nil {
		t.Skipf("Debian's python3-opencv is missing: %v", err)
	}
	const w, h = 320, 240
	depth := ramp(w, h, 0.05, 12)
	data, err := Encode(depth, w, h, DefaultDepthMax, DefaultQuantization, nil)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "depth.png")
	if err := os.WriteFile(path, data[HeaderSize:], 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(python, "-c", imdecodePy, path).Output()
	if err != nil {
		t.Fatalf("cv2.imdecode: %v", err)
	}
	if len(out) != 8+2*w*h || binary.LittleEndian.Uint32(out) != h || binary.LittleEndian.Uint32(out[4:]) != w {
		t.Fatalf("OpenCV gave %d bytes", len(out))
	}
	a := float32(100 * 101)
	b := 1 - a/10
	for i, d := range depth {
		var want uint16
		if v := a/d + b; d > 0 && d < 10 {
			want = uint16(math.Min(float64(v), 65535))
		}
		if got := binary.LittleEndian.Uint16(out[8+2*i:]); got != want {
			t.Fatalf("pixel %d (%g m): OpenCV read %d, want %d", i, d, got, want)
		}
	}
}
