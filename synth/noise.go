package synth

import "math"

// mix64 is SplitMix64's finaliser: a fast, well-mixed 64-bit hash step.
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// hash01 maps an integer lattice point and a seed to [0,1).
func hash01(x, y, z int64, seed uint64) float64 {
	// One finaliser over odd-constant products: enough mixing for textures
	// at a quarter of the cost of chaining four.
	h := mix64(seed ^ uint64(x)*0x9e3779b97f4a7c15 ^ uint64(y)*0xc2b2ae3d27d4eb4f ^ uint64(z)*0x165667b19e3779f9)
	return float64(h>>11) / (1 << 53)
}

// valueNoise is smooth lattice value noise in [0,1].
func valueNoise(p Vec3, seed uint64) float64 {
	fx, fy, fz := math.Floor(p.X), math.Floor(p.Y), math.Floor(p.Z)
	ix, iy, iz := int64(fx), int64(fy), int64(fz)
	tx, ty, tz := smooth(p.X-fx), smooth(p.Y-fy), smooth(p.Z-fz)
	lerp := func(a, b, t float64) float64 { return a + (b-a)*t }
	var c [2][2]float64
	for dz := int64(0); dz < 2; dz++ {
		for dy := int64(0); dy < 2; dy++ {
			c[dz][dy] = lerp(hash01(ix, iy+dy, iz+dz, seed), hash01(ix+1, iy+dy, iz+dz, seed), tx)
		}
	}
	return lerp(lerp(c[0][0], c[0][1], ty), lerp(c[1][0], c[1][1], ty), tz)
}

func smooth(t float64) float64 { return t * t * (3 - 2*t) }

// fbm sums three octaves of value noise, normalised to [0,1].
func fbm(p Vec3, seed uint64) float64 {
	return (valueNoise(p, seed)*4 + valueNoise(p.Scale(2.03), seed+1)*2 + valueNoise(p.Scale(4.01), seed+2)) / 7
}

// randNorm draws a standard normal deviate from two hash values
// (Box-Muller), so per-ray noise depends only on the ray's identity.
func randNorm(h uint64) float64 {
	u1 := (float64(h>>11) + 1) / (1<<53 + 1)
	u2 := float64(mix64(h)>>11) / (1 << 53)
	return math.Sqrt(-2*math.Log(u1)) * math.Cos(2*math.Pi*u2)
}
