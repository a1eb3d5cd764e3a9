package calib

import (
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// rodrigues rotates v about the unit axis k by angle th (the independent answer).
func rodrigues(k Vec3, th float64, v Vec3) Vec3 {
	c, s := math.Cos(th), math.Sin(th)
	kxv := Vec3{k.Y*v.Z - k.Z*v.Y, k.Z*v.X - k.X*v.Z, k.X*v.Y - k.Y*v.X}
	kdv := k.X*v.X + k.Y*v.Y + k.Z*v.Z
	return v.Scale(c).Add(kxv.Scale(s)).Add(k.Scale(kdv * (1 - c)))
}

func randomAxisAngle(rng *rand.Rand) (Vec3, float64) {
	k := Vec3{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
	return k.Scale(1 / k.Norm()), (rng.Float64()*2 - 1) * math.Pi
}

func quatFromAxisAngle(k Vec3, th float64) Quaternion {
	s := math.Sin(th / 2)
	return Quaternion{k.X * s, k.Y * s, k.Z * s, math.Cos(th / 2)}
}

func near(a, b Vec3, tol float64) bool { return a.Add(b.Scale(-1)).Norm() <= tol }

func TestTransformApplyComposeInverse(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 200; i++ {
		k1, a1 := randomAxisAngle(rng)
		k2, a2 := randomAxisAngle(rng)
		t1 := Vec3{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
		t2 := Vec3{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
		A := Transform{t1, quatFromAxisAngle(k1, a1)}
		B := Transform{t2, quatFromAxisAngle(k2, a2)}
		p := Vec3{rng.NormFloat64() * 10, rng.NormFloat64() * 10, rng.NormFloat64() * 10}
		if want := rodrigues(k1, a1, p).Add(t1); !near(A.Apply(p), want, 1e-12) {
			t.Fatalf("Apply = %v, Rodrigues says %v", A.Apply(p), want)
		}
		want := rodrigues(k1, a1, rodrigues(k2, a2, p).Add(t2)).Add(t1)
		if got := A.Compose(B).Apply(p); !near(got, want, 1e-11) {
			t.Fatalf("Compose.Apply = %v, want %v", got, want)
		}
		if got := A.Inverse().Apply(A.Apply(p)); !near(got, p, 1e-11) {
			t.Fatalf("Inverse undoes to %v, want %v", got, p)
		}
	}
}

func TestParseTransform(t *testing.T) {
	s2 := math.Sqrt(0.5)
	cases := []struct {
		name string
		in   string
		p    Vec3 // a LiDAR point ...
		want Vec3 // ... in the camera frame
		err  bool
	}{
		{"identity", "0 0 0 0 0 0 1", Vec3{1, 2, 3}, Vec3{1, 2, 3}, false},
		{"translation", "0.1 -0.2 0.3 0 0 0 1", Vec3{1, 2, 3}, Vec3{1.1, 1.8, 3.3}, false},
		// LiDAR (x forward, y left, z up) to camera optical (x right, y down, z forward).
		{"lidar_axes_to_optical", "0 0 0 0.5 -0.5 0.5 0.5", Vec3{5, 1, 2}, Vec3{-1, -2, 5}, false},
		{"unnormalised_quaternion", "0 0 0 0 0 2 2", Vec3{1, 0, 0}, Vec3{0, 1, 0}, false},
		{"z_90_tabs_and_spaces", " 1\t0 0  0 0 " + ftoa(s2) + " " + ftoa(s2), Vec3{1, 0, 0}, Vec3{1, 1, 0}, false},
		{"six_numbers", "0 0 0 0 0 1", Vec3{}, Vec3{}, true},
		{"eight_numbers", "0 0 0 0 0 0 1 0", Vec3{}, Vec3{}, true},
		{"zero_quaternion", "1 2 3 0 0 0 0", Vec3{}, Vec3{}, true},
		{"nan", "0 0 NaN 0 0 0 1", Vec3{}, Vec3{}, true},
		{"inf", "0 0 0 0 0 0 Inf", Vec3{}, Vec3{}, true},
		{"word", "0 0 zero 0 0 0 1", Vec3{}, Vec3{}, true},
		{"empty", "", Vec3{}, Vec3{}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tr, err := ParseTransform(tc.in)
			if tc.err {
				if !errors.Is(err, ErrTransform) {
					t.Fatalf("err = %v, want ErrTransform", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := tr.Apply(tc.p); !near(got, tc.want, 1e-12) {
				t.Fatalf("Apply(%v) = %v, want %v", tc.p, got, tc.want)
			}
		})
	}
}

func ftoa(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// FuzzParseTransform: any string either parses to a finite rigid transform
// with a unit quaternion or is refused with ErrTransform; it never panics.
func FuzzParseTransform(f *testing.F) {
	for _, s := range []string{"0 0 0 0 0 0 1", "0.05 -0.25 -0.1 0.5 -0.5 0.5 0.5", "1 2 3 0 0 0 0", "1e308 1e308 1e308 1e308 1e308 1e308 1e308", "0 0 0 1e-300 0 0 0", "nan 0 0 0 0 0 1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tr, err := ParseTransform(s)
		if err != nil {
			if !errors.Is(err, ErrTransform) {
				t.Fatalf("%q: error %v is not ErrTransform", s, err)
			}
			return
		}
		q := tr.Rotation
		n := math.Sqrt(q.X*q.X + q.Y*q.Y + q.Z*q.Z + q.W*q.W)
		if math.Abs(n-1) > 1e-9 || !tr.Translation.finite() {
			t.Fatalf("%q: |q| = %g, translation %v", s, n, tr.Translation)
		}
	})
}
