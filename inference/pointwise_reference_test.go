package inference

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The Go loops the pointwise C kernels replaced, kept as the tests' second implementation
// (products converted to float32 explicitly so arm64's Go cannot fuse them, as in
// resample_reference_test.go).

// refRoundMagic is 1.5*2^23: adding and subtracting it rounds a float32 below 2^22 to the
// nearest integer, ties to even, as torch.round does before torchvision casts back to uint8.
const refRoundMagic = 12582912

func refRoundLevel(v float32) byte {
	v = (v + refRoundMagic) - refRoundMagic
	if v <= 0 {
		return 0
	}
	if v >= 255 {
		return 255
	}
	return byte(v)
}

func refDepthUnit(src, dst []float32, lo, hi *float32) (bad int) {
	for x, d := range src {
		if math.IsNaN(float64(d)) || math.IsInf(float64(d), 0) {
			dst[x] = float32(math.NaN())
			bad++
			continue
		}
		if d < -1 {
			d = -1
		} else if d > 1 {
			d = 1
		}
		d = (d + 1) * 0.5
		dst[x] = d
		if d < *lo {
			*lo = d
		}
		if d > *hi {
			*hi = d
		}
	}
	return bad
}

func refClip01(v []float32) {
	for i, d := range v {
		if d < 0 {
			v[i] = 0
		} else if d > 1 {
			v[i] = 1
		}
	}
}

func refUnitInterleave(xs, ys, zs, out []float32) (bad int) {
	for x, nx := range xs {
		ny, nz := ys[x], zs[x]
		l2 := float32(nx*nx) + float32(ny*ny) + float32(nz*nz)
		if math.IsNaN(float64(l2)) || math.IsInf(float64(l2), 0) {
			bad++
		}
		s := 1 / (float32(math.Sqrt(float64(l2))) + 1e-5)
		d := out[x*3 : x*3+3 : x*3+3]
		d[0], d[1], d[2] = nx*s, ny*s, nz*s
	}
	return bad
}

func refToOptical(n []float32, signs [3]float32) {
	for i := 0; i+3 <= len(n); i += 3 {
		v := n[i : i+3 : i+3]
		l := float32(math.Sqrt(float64(float32(v[0]*v[0]) + float32(v[1]*v[1]) + float32(v[2]*v[2]))))
		if !(l > 1e-12) {
			z := float32(0)
			if math.IsNaN(float64(l)) {
				z = float32(math.NaN())
			}
			v[0], v[1], v[2] = z, z, z
			continue
		}
		inv := 1 / l
		v[0], v[1], v[2] = v[0]*inv*signs[0], v[1]*inv*signs[1], v[2]*inv*signs[2]
	}
}

// pointwiseInput is n floats: random values in [-span, span] with the awkward ones mixed in.
func pointwiseInput(rng *rand.Rand, n int, span float32) []float32 {
	odd := []float32{0, float32(math.Copysign(0, -1)), 1, -1, 0.5, 254.5, 255.5, 255, -0.5, 1e-13, -1e-30,
		float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()), 3e38, -3e38}
	v := make([]float32, n)
	for i := range v {
		if rng.IntN(8) == 0 {
			v[i] = odd[rng.IntN(len(odd))]
		} else {
			v[i] = (rng.Float32()*2 - 1) * span
		}
	}
	return v
}

func TestPointwiseKernelsMatchGoLoops(t *testing.T) { forEachKernelISA(t, checkPointwiseKernels) }

func checkPointwiseKernels(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for _, n := range []int{1, 2, 7, 8, 9, 31, 768, 1283} {
		t.Run("round", func(t *testing.T) {
			sums := pointwiseInput(rng, n, 300)
			got := make([]byte, n)
			roundRow(sums, got)
			for i, v := range sums {
				if math.IsNaN(float64(v)) {
					continue // never produced by a resize of bytes; Go's byte(NaN) is unspecified
				}
				if want := refRoundLevel(v); got[i] != want {
					t.Fatalf("n=%d: round(%g) = %d, Go loop gives %d", n, v, got[i], want)
				}
			}
		})
		t.Run("normalise", func(t *testing.T) {
			rgb := make([]byte, 3*n)
			for i := range rgb {
				rgb[i] = byte(rng.IntN(256))
			}
			r, g, b := make([]float32, n), make([]float32, n), make([]float32, n)
			splitNormalise(rgb, r, g, b, n)
			for x := range n {
				for c, p := range [][]float32{r, g, b} {
					if want := normTable[rgb[3*x+c]]; p[x] != want {
						t.Fatalf("n=%d: level %d -> %g, table gives %g", n, rgb[3*x+c], p[x], want)
					}
				}
			}
		})
		t.Run("depth", func(t *testing.T) {
			src := pointwiseInput(rng, n, 2)
			got, want := make([]float32, n), make([]float32, n)
			lo, hi := float32(math.Inf(1)), float32(math.Inf(-1))
			wlo, whi := lo, hi
			bad, wbad := depthUnit(src, got, &lo, &hi), refDepthUnit(src, want, &wlo, &whi)
			if bad != wbad {
				t.Fatalf("n=%d: depthUnit counts %d non-finite, Go loop %d", n, bad, wbad)
			}
			sameFloats(t, "depthUnit", n, n, got, want)
			sameFloats(t, "depthUnit lo/hi", n, n, []float32{lo, hi}, []float32{wlo, whi})
			stretch(got, 0.25, 3)
			for i, d := range want {
				want[i] = (d - 0.25) * 3
			}
			sameFloats(t, "stretch", n, n, got, want)
			clip01(got)
			refClip01(want)
			sameFloats(t, "clip01", n, n, got, want)
		})
		t.Run("normals", func(t *testing.T) {
			xs, ys, zs := pointwiseInput(rng, n, 3), pointwiseInput(rng, n, 3), pointwiseInput(rng, n, 3)
			got, want := make([]float32, 3*n), make([]float32, 3*n)
			bad, wbad := unitInterleave(xs, ys, zs, got), refUnitInterleave(xs, ys, zs, want)
			if bad != wbad {
				t.Fatalf("n=%d: unitInterleave counts %d non-finite, Go loop %d", n, bad, wbad)
			}
			sameFloats(t, "unitInterleave", n, n, got, want)
			signs := [3]float32{1, -1, -1}
			toOptical(got, signs)
			refToOptical(want, signs)
			sameFloats(t, "toOptical", n, n, got, want)
		})
	}
}
