package inference

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestHalfKnownValues(t *testing.T) {
	cases := []struct {
		bits uint16
		want float32
	}{
		{0x3c00, 1}, {0xc000, -2}, {0x7bff, 65504}, {0x0001, 1.0 / (1 << 24)}, {0x0400, 1.0 / (1 << 14)},
		{0x3555, 0.333251953125}, {0x0000, 0}, {0x8000, float32(math.Copysign(0, -1))},
		{0x7c00, float32(math.Inf(1))}, {0xfc00, float32(math.Inf(-1))},
	}
	for _, tc := range cases {
		if got := halfToFloat32(tc.bits); got != tc.want || math.Signbit(float64(got)) != math.Signbit(float64(tc.want)) {
			t.Errorf("halfToFloat32(%#04x) = %v, want %v", tc.bits, got, tc.want)
		}
		if got := float32ToHalf(tc.want); got != tc.bits {
			t.Errorf("float32ToHalf(%v) = %#04x, want %#04x", tc.want, got, tc.bits)
		}
	}
	if h := float32ToHalf(float32(math.NaN())); h&0x7c00 != 0x7c00 || h&0x3ff == 0 {
		t.Errorf("NaN -> %#04x", h)
	}
	if h := float32ToHalf(70000); h != 0x7c00 {
		t.Errorf("overflow -> %#04x, want +Inf", h)
	}
}

func TestHalfRoundTripAndNearest(t *testing.T) {
	for b := range 1 << 16 {
		h := uint16(b)
		if h&0x7c00 == 0x7c00 && h&0x3ff != 0 {
			continue // NaN payloads are not preserved
		}
		if got := float32ToHalf(halfToFloat32(h)); got != h {
			t.Fatalf("round trip %#04x -> %#04x", h, got)
		}
	}
	// Every conversion picks the nearest half, ties to the even one (torch's .half()).
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		x := float32(rng.NormFloat64() * math.Pow(2, float64(rng.IntN(40)-24)))
		h := float32ToHalf(x)
		got := float64(halfToFloat32(h))
		if math.IsInf(got, 0) {
			continue
		}
		for _, n := range []uint16{h - 1, h + 1} {
			other := float64(halfToFloat32(n))
			if n&0x7c00 == 0x7c00 || math.Signbit(other) != math.Signbit(got) && other != 0 {
				continue
			}
			dg, do := math.Abs(got-float64(x)), math.Abs(other-float64(x))
			if do < dg || (do == dg && h&1 == 1) {
				t.Fatalf("float32ToHalf(%g) = %#04x (%g), but %#04x (%g) is nearer or the even tie", x, h, got, n, other)
			}
		}
	}
}
