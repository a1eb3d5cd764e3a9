package calib

import (
	"math"
	"math/rand/v2"
	"testing"
)

// floorScene is a closed-form room seen from a camera above a floor: the
// floor plane, optionally a table top (a horizontal plane tableHeight above
// the floor, over the image columns u < tableCols*width, floor-like normals
// but another depth) and a wall wallDist ahead (horizontally).
type floorScene struct {
	floor       Floor
	tableHeight float64
	tableCols   float64
	wallDist    float64
}

// render returns relative depth (target(z) = s*rel + t, inverted exactly),
// normals in the node's convention, true depth, and which pixels are floor.
func (sc floorScene) render(cam *Camera, space Space, m ScaleShift) (rel, normals []float32, z []float64, floor []bool) {
	w, h := cam.Width(), cam.Height()
	up := sc.floor.Up
	// Horizontal forward: the optical axis with its vertical part removed.
	fwd := Vec3{0, 0, 1}.Add(up.Scale(-up.Z))
	fwd = fwd.Scale(1 / fwd.Norm())
	rel, normals, z, floor = make([]float32, w*h), make([]float32, 3*w*h), make([]float64, w*h), make([]bool, w*h)
	for v := 0; v < h; v++ {
		for u := 0; u < w; u++ {
			r := pixelRay(cam, float64(u), float64(v))
			i := v*w + u
			best, n, isFloor := math.Inf(1), Vec3{}, false
			if down := -dot3(up, r); down > 0 {
				best, n, isFloor = sc.floor.Height/down, up, true
				if sc.tableHeight > 0 && float64(u) < sc.tableCols*float64(w) {
					best, isFloor = (sc.floor.Height-sc.tableHeight)/down, false
				}
			}
			if f := dot3(fwd, r); sc.wallDist > 0 && f > 0 && sc.wallDist/f < best {
				best, n, isFloor = sc.wallDist/f, fwd.Scale(-1), false
			}
			if math.IsInf(best, 1) {
				best, n = 1e3, fwd.Scale(-1) // sky: far, facing the camera
			}
			z[i], floor[i] = best, isFloor
			rel[i] = float32((space.target(best) - m.Shift) / m.Scale)
			normals[3*i], normals[3*i+1], normals[3*i+2] = float32(n.X), float32(n.Y), float32(n.Z)
		}
	}
	return rel, normals, z, floor
}

// perturbNormals tilts every normal by a random angle of standard deviation sd radians.
func perturbNormals(n []float32, sd float64, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 7))
	for i := 0; i+2 < len(n); i += 3 {
		x := Vec3{float64(n[i]) + sd*rng.NormFloat64(), float64(n[i+1]) + sd*rng.NormFloat64(), float64(n[i+2]) + sd*rng.NormFloat64()}
		x = x.Scale(1 / x.Norm())
		n[i], n[i+1], n[i+2] = float32(x.X), float32(x.Y), float32(x.Z)
	}
}

func deg(d float64) float64 { return d * math.Pi / 180 }

func mustFloor(t testing.TB, h, pitchDeg, rollDeg float64) Floor {
	t.Helper()
	f, err := FloorFromAttitude(h, deg(pitchDeg), deg(rollDeg))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// angleDeg is the angle between two directions, in degrees.
func angleDeg(a, b Vec3) float64 {
	c := dot3(a, b) / (a.Norm() * b.Norm())
	return math.Acos(math.Max(-1, math.Min(1, c))) * 180 / math.Pi
}
