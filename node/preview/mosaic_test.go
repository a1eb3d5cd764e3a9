package preview

import (
	"math"
	"slices"
	"testing"

	"github.com/depthnode/depthnode/stream"
)

// solid is a w x h frame whose every value is v (metric omitted when noMetric).
func solid(w, h int, v byte, noMetric bool) *stream.Frame {
	n := w * h
	f := &stream.Frame{Width: w, Height: h, RGB: slices.Repeat([]byte{v}, 3*n), Depth: filled(n, float32(v)), Normals: filled(3*n, float32(v))}
	if !noMetric {
		f.Metric = filled(n, float32(v))
	}
	return f
}

func TestMosaicStacksCameras(t *testing.T) {
	var m mosaic
	if f := m.add("front", solid(8, 6, 1, false)); f.Height != 6 || !slices.Equal(f.Rows, []string{"front"}) {
		t.Fatalf("one camera: %dx%d rows %v", f.Width, f.Height, f.Rows)
	}
	// A camera of another size is scaled to the first one's width; one without a fit leaves
	// its metric rows NaN.
	f := m.add("rear", solid(4, 4, 2, true))
	if f.Width != 8 || f.Height != 6+8 || !slices.Equal(f.Rows, []string{"front", "rear"}) {
		t.Fatalf("two cameras: %dx%d rows %v", f.Width, f.Height, f.Rows)
	}
	for y := range f.Height {
		want := byte(1)
		if y >= 6 {
			want = 2
		}
		p := y*f.Width + 3
		if f.RGB[3*p] != want || f.Depth[p] != float32(want) || f.Normals[3*p+2] != float32(want) {
			t.Fatalf("row %d holds %d/%v, want camera value %d", y, f.RGB[3*p], f.Depth[p], want)
		}
		if metricNaN := math.IsNaN(float64(f.Metric[p])); metricNaN != (y >= 6) {
			t.Fatalf("row %d metric %v", y, f.Metric[p])
		}
	}
	// The next frame of the first camera replaces its row, the order stays.
	if f := m.add("front", solid(8, 6, 9, false)); f.RGB[0] != 9 || f.Rows[0] != "front" || f.Height != 14 {
		t.Fatalf("after a new front frame: %v rows %v", f.RGB[0], f.Rows)
	}
}
