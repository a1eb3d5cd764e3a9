package depthcodec

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"strings"
)

// Decode reads a compressedDepth message the way the plug-in's subscriber
// does: the encoding before ';' (only 32FC1 here), "compressedDepth png" (or
// a bare "compressedDepth", which older publishers wrote) after it, the
// header, then depth = A/(q - B) for every non-zero code and NaN for 0.
// Unlike the subscriber it also refuses a header whose format is not
// INV_DEPTH. It is meant for tests and tools: it allocates.
func Decode(format string, data []byte) (depth []float32, w, h int, err error) {
	enc, rest, _ := strings.Cut(format, ";")
	if strings.TrimSpace(enc) != "32FC1" {
		return nil, 0, 0, fmt.Errorf("%w: format %q: only 32FC1 is read", ErrFormat, format)
	}
	if rest != "" && !strings.Contains(rest, "compressedDepth png") &&
		!(strings.Contains(rest, "compressedDepth") && !strings.Contains(rest, "compressedDepth ")) {
		return nil, 0, 0, fmt.Errorf("%w: format %q: only compressedDepth png is read", ErrFormat, format)
	}
	if len(data) <= HeaderSize {
		return nil, 0, 0, fmt.Errorf("%w: %d bytes, no image after the %d-byte header", ErrFormat, len(data), HeaderSize)
	}
	hd, _ := ParseHeader(data)
	if hd.Format != InvDepth {
		return nil, 0, 0, fmt.Errorf("%w: header format %d, want INV_DEPTH (%d)", ErrFormat, hd.Format, InvDepth)
	}
	img, err := png.Decode(bytes.NewReader(data[HeaderSize:]))
	if err != nil {
		return nil, 0, 0, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	g, ok := img.(*image.Gray16)
	if !ok {
		return nil, 0, 0, fmt.Errorf("%w: PNG is %T, want 16-bit grayscale", ErrFormat, img)
	}
	w, h = g.Rect.Dx(), g.Rect.Dy()
	depth = make([]float32, w*h)
	for y := range h {
		for x := range w {
			depth[y*w+x] = Dequantize(hd, g.Gray16At(g.Rect.Min.X+x, g.Rect.Min.Y+y).Y)
		}
	}
	return depth, w, h, nil
}
