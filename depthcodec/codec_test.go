package depthcodec

import (
	"encoding/hex"
	"errors"
	"math"
	"strings"
	"testing"
)

// ramp returns a w x h image running from near to far along x, with the
// invalid values the encoder must keep invalid on every row's first pixels.
func ramp(w, h int, near, far float64) []float32 {
	d := make([]float32, w*h)
	bad := []float32{float32(math.NaN()), 0, -1, float32(math.Inf(1)), float32(math.Inf(-1))}
	for y := range h {
		for x := range w {
			t := float64(x) / float64(w-1)
			d[y*w+x] = float32(near + (far-near)*t + 0.01*float64(y))
		}
		copy(d[y*w:], bad[:min(len(bad), w)])
	}
	return d
}

// TestHeaderBytes: the header Python's struct.pack('<iff', 0, A, B) gives.
func TestHeaderBytes(t *testing.T) {
	for _, c := range []struct {
		max, quant float64
		want       string
	}{
		{DefaultDepthMax, DefaultQuantization, "0000000000d01d4600407cc4"}, // A 10100, B -1009
		{20, 50, "0000000000601f450000fdc2"},                               // A 2550, B -126.5
	} {
		data, err := Encode(make([]float32, 4), 2, 2, c.max, c.quant, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := hex.EncodeToString(data[:HeaderSize]); got != c.want {
			t.Errorf("max %g quant %g: header %s, want %s", c.max, c.quant, got, c.want)
		}
		if string(data[HeaderSize:HeaderSize+8]) != pngSignature {
			t.Error("no PNG after the header")
		}
	}
}

// TestRoundTrip: the code is truncated, so decoding never gives a nearer
// depth, and one code step at depth d is A/(A/d - 1) - d = d^2/(A - d): the
// error lies in [0, d^2/(A-d)), give or take float32 rounding.
func TestRoundTrip(t *testing.T) {
	for _, c := range []struct {
		name       string
		max, quant float64
		near, far  float64
	}{
		{"defaults, nearest below the first code", DefaultDepthMax, DefaultQuantization, 0.05, 9.99},
		{"outdoor", 80, 150, 0.5, 79},
		{"coarse", 5, 10, 0.1, 4.9},
	} {
		t.Run(c.name, func(t *testing.T) {
			const w, h = 97, 13
			depth := ramp(w, h, c.near, c.far)
			data, err := Encode(depth, w, h, c.max, c.quant, nil)
			if err != nil {
				t.Fatal(err)
			}
			got, gw, gh, err := Decode(Format, data)
			if err != nil {
				t.Fatal(err)
			}
			if gw != w || gh != h {
				t.Fatalf("decoded %dx%d", gw, gh)
			}
			a := c.quant * (c.quant + 1)
			dmin := a / (65535 - (1 - a/c.max))
			worst := 0.0
			for i, d := range depth {
				dd, g := float64(d), float64(got[i])
				if !(dd > 0 && dd < c.max) {
					if !math.IsNaN(g) {
						t.Fatalf("pixel %d: invalid %g decoded as %g", i, dd, g)
					}
					continue
				}
				if dd < dmin {
					if math.Abs(g-dmin) > 1e-5*dmin {
						t.Fatalf("pixel %d: %g m, nearer than the nearest code, decoded %g, want %g", i, dd, g, dmin)
					}
					continue
				}
				step := dd * dd / (a - dd)
				slack := 1e-3*step + 2e-7*dd // float32 rounding of A/d + B and of the decode
				if e := g - dd; e < -slack || e >= step+slack {
					t.Fatalf("pixel %d: %g m decoded %g, error %g outside [0, %g)", i, dd, g, e, step)
				}
				worst = max(worst, (g-dd)/step)
			}
			t.Logf("largest error %.3f of a code step", worst)
		})
	}
}

func TestBadEncode(t *testing.T) {
	for _, c := range []struct {
		name       string
		n, w, h    int
		max, quant float64
		want       error
		key        string
	}{
		{"zero width", 0, 0, 3, 10, 100, ErrInput, "size"},
		{"negative height", 4, 4, -1, 10, 100, ErrInput, "size"},
		{"huge", 4, MaxSide + 1, 1, 10, 100, ErrInput, "size"},
		{"short depth", 5, 3, 2, 10, 100, ErrInput, "depth values"},
		{"zero depth_max", 6, 3, 2, 0, 100, ErrConfig, "depth_max"},
		{"NaN depth_max", 6, 3, 2, math.NaN(), 100, ErrConfig, "depth_max"},
		{"infinite depth_max", 6, 3, 2, math.Inf(1), 100, ErrConfig, "depth_max"},
		{"negative quantization", 6, 3, 2, 10, -1, ErrConfig, "depth_quantization"},
		{"NaN quantization", 6, 3, 2, 10, math.NaN(), ErrConfig, "depth_quantization"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Encode(make([]float32, c.n), c.w, c.h, c.max, c.quant, nil)
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.key) {
				t.Fatalf("error %v, want %v naming %q", err, c.want, c.key)
			}
		})
	}
}

func TestBadDecode(t *testing.T) {
	good, err := Encode(ramp(8, 4, 1, 5), 8, 4, 10, 100, nil)
	if err != nil {
		t.Fatal(err)
	}
	other := append([]byte{1, 0, 0, 0}, good[4:]...)
	for _, c := range []struct {
		name, format string
		data         []byte
	}{
		{"16UC1", "16UC1; compressedDepth png", good},
		{"rvl", "32FC1; compressedDepth rvl", good},
		{"header only", Format, good[:HeaderSize]},
		{"truncated PNG", Format, good[:len(good)-20]},
		{"not INV_DEPTH", Format, other},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, _, _, err := Decode(c.format, c.data); !errors.Is(err, ErrFormat) {
				t.Fatalf("error %v, want ErrFormat", err)
			}
		})
	}
	// The plain and legacy forms of the format string are read.
	for _, f := range []string{Format, "32FC1; compressedDepth", "32FC1"} {
		if _, _, _, err := Decode(f, good); err != nil {
			t.Errorf("%q: %v", f, err)
		}
	}
}

// TestEncoderReuse: a reused Encoder and dst give the same bytes as fresh
// ones, for two sizes in turn.
func TestEncoderReuse(t *testing.T) {
	var e Encoder
	var dst []byte
	for _, s := range [][2]int{{64, 48}, {17, 9}, {64, 48}} {
		depth := ramp(s[0], s[1], 0.5, 8)
		fresh, err := Encode(depth, s[0], s[1], 10, 100, nil)
		if err != nil {
			t.Fatal(err)
		}
		if dst, err = e.Encode(depth, s[0], s[1], 10, 100, dst); err != nil {
			t.Fatal(err)
		}
		if string(dst) != string(fresh) {
			t.Fatalf("%dx%d: reused encoder differs", s[0], s[1])
		}
	}
}
