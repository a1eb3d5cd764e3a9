package inference

import (
	"math"
	"testing"
)

// halfDarkImage is w x h grey: the left half bright with a vertical ramp (a finite, varying
// depth from both_nan.onnx), the right half black (normalised -1: NaN from its sqrt).
func halfDarkImage(w, h int, allDark bool) *RGB {
	img := &RGB{Width: w, Height: h, Pix: make([]byte, w*h*3)}
	for y := range h {
		for x := range w / 2 {
			if allDark {
				continue
			}
			v := byte(130 + 125*y/(h-1))
			p := img.Pix[3*(y*w+x):]
			p[0], p[1], p[2] = v, v, v
		}
	}
	return img
}

func TestNonFiniteModelOutputsAreInvalid(t *testing.T) {
	e := openEngine(t, Config{DepthModel: fixture("both_nan.onnx"), NormalsModel: fixture("both_nan.onnx"), ProcessingRes: 64, DepthStretch: true})
	const w, h = 128, 64 // processed at 64x32, resized back up by 2
	nan := func(v float32) bool { return math.IsNaN(float64(v)) }
	t.Run("right half dark", func(t *testing.T) {
		var r Result
		if err := e.Run(halfDarkImage(w, h, false), e.Tasks(), &r); err != nil {
			t.Fatal(err)
		}
		// The dark half at 64x32, plus some of the boundary column the downscale blends grey.
		if bad := r.DepthNonFinite; bad < 32*32 || bad > 33*32 || r.NormalsNonFinite < 32*32 || r.NormalsNonFinite > 33*32 {
			t.Fatalf("non-finite depth %d normals %d, want %d..%d each", bad, r.NormalsNonFinite, 32*32, 33*32)
		}
		lo, hi := float32(2), float32(-1)
		for y := range h {
			for x := range w {
				d, n := r.Depth[y*w+x], r.Normals[3*(y*w+x):3*(y*w+x)+3]
				switch {
				case x < w/2-4: // fed only by finite outputs
					if nan(d) || d < 0 || d > 1 || nan(n[0]) || nan(n[1]) || nan(n[2]) {
						t.Fatalf("(%d,%d): depth %v normal %v, want finite", x, y, d, n)
					}
					if l := math.Sqrt(float64(n[0]*n[0] + n[1]*n[1] + n[2]*n[2])); math.Abs(l-1) > 1e-5 {
						t.Fatalf("(%d,%d): |normal| = %v", x, y, l)
					}
					lo, hi = min(lo, d), max(hi, d)
				case x >= w/2+4: // fed only by NaN outputs
					if !nan(d) || !nan(n[0]) || !nan(n[1]) || !nan(n[2]) {
						t.Fatalf("(%d,%d): depth %v normal %v, want NaN", x, y, d, n)
					}
				}
			}
		}
		// The stretch ran over the finite values: the brightest row reaches 1 and the ramp
		// spreads well below (the 0 end is the grey boundary column, excluded above).
		if lo > 0.2 || hi < 0.99 {
			t.Errorf("finite depth spans [%v, %v], want about [<0.2, 1]", lo, hi)
		}
	})
	t.Run("all dark is all NaN, not zeros", func(t *testing.T) {
		var r Result
		if err := e.Run(halfDarkImage(w, h, true), e.Tasks(), &r); err != nil {
			t.Fatal(err)
		}
		if r.DepthNonFinite != 64*32 || r.NormalsNonFinite != 64*32 {
			t.Fatalf("non-finite depth %d normals %d, want %d each", r.DepthNonFinite, r.NormalsNonFinite, 64*32)
		}
		for i, d := range r.Depth {
			if !nan(d) || !nan(r.Normals[3*i]) {
				t.Fatalf("pixel %d: depth %v normal %v, want NaN", i, d, r.Normals[3*i:3*i+3])
			}
		}
	})
	t.Run("a finite frame counts none", func(t *testing.T) {
		var r Result
		if err := e.Run(patternImage(w, h), e.Tasks(), &r); err != nil {
			t.Fatal(err)
		}
		_ = r // patternImage may have dark pixels; only check the counters reset on a bright one
		img := halfDarkImage(w, h, false)
		for i := range img.Pix {
			img.Pix[i] = 200
		}
		if err := e.Run(img, e.Tasks(), &r); err != nil {
			t.Fatal(err)
		}
		if r.DepthNonFinite != 0 || r.NormalsNonFinite != 0 {
			t.Errorf("non-finite depth %d normals %d on a bright frame", r.DepthNonFinite, r.NormalsNonFinite)
		}
	})
}
