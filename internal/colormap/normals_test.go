package colormap

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestNormalsRGBKnownSurfaces(t *testing.T) {
	s := float32(math.Sqrt(0.5))
	for _, tc := range []struct {
		name string
		n    [3]float32 // optical frame, toward the camera
		want [3]byte
	}{
		// A wall facing the camera is native (0,0,1): the familiar lilac.
		{"fronto-parallel wall", [3]float32{0, 0, -1}, [3]byte{128, 128, 255}},
		// A floor faces up, -y in the optical frame, native +y.
		{"floor", [3]float32{0, -1, 0}, [3]byte{128, 255, 128}},
		{"ceiling", [3]float32{0, 1, 0}, [3]byte{128, 0, 128}},
		// A wall on the right of the image faces left, -x optical, native +x.
		{"right wall", [3]float32{-1, 0, 0}, [3]byte{255, 128, 128}},
		{"left wall tilted to camera", [3]float32{s, 0, -s}, [3]byte{37, 128, 218}},
		{"out of range clamps", [3]float32{-2, 2, 0}, [3]byte{255, 0, 128}},
		{"NaN is black", [3]float32{0, float32(math.NaN()), -1}, [3]byte{0, 0, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := NormalsRGB(tc.n[:], nil)
			if [3]byte(got) != tc.want {
				t.Fatalf("RGB %v, want %v", got, tc.want)
			}
		})
	}
}

func TestNormalsRGBRandomUnitVectors(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const n = 4000
	normals := make([]float32, 3*n)
	for i := 0; i < n; i++ {
		x, y, z := rng.NormFloat64(), rng.NormFloat64(), -math.Abs(rng.NormFloat64())
		l := math.Sqrt(x*x + y*y + z*z)
		normals[3*i], normals[3*i+1], normals[3*i+2] = float32(x/l), float32(y/l), float32(z/l)
	}
	dst := make([]byte, 0, 3*n)
	got := NormalsRGB(normals, dst)
	if &got[0] != &dst[:1][0] {
		t.Fatal("dst not reused")
	}
	for i, c := range normals {
		// Independent float64 path: native = -optical, shown as (n+1)/2*255.
		want := (float64(-c) + 1) / 2 * 255
		if d := math.Abs(float64(got[i]) - want); d > 0.5+1e-4 {
			t.Fatalf("component %d = %v: level %d, want %.3f", i, c, got[i], want)
		}
	}
}
