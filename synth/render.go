package synth

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// Render ray-casts scene s from a camera at pose (world <- optical) into
// img, one ray per pixel centre, using up to workers goroutines
// (0 = GOMAXPROCS) on bands of rows. Each pixel depends only on the scene,
// the pose and its coordinates, so the result is identical for any number
// of workers.
func Render(s *Scene, pose Pose, img *Image, workers int) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var cands []int
			hint := -1
			for {
				v0 := int(next.Add(1)-1) * tileSize
				if v0 >= img.Height {
					return
				}
				v1 := min(v0+tileSize, img.Height) - 1
				for u0 := 0; u0 < img.Width; u0 += tileSize {
					u1 := min(u0+tileSize, img.Width) - 1
					cands = tileCandidates(cands[:0], s, img.Intrinsics, pose, u0, v0, u1, v1)
					for v := v0; v <= v1; v++ {
						for u := u0; u <= u1; u++ {
							renderPixel(s, pose, img, u, v, cands, &hint)
						}
					}
				}
			}
		}()
	}
	wg.Wait()
}

// renderPixel casts pixel (u, v)'s ray against the tile's candidates (all
// objects when the scene is not prepared) and writes colour and ground
// truth; hint is the worker's last shadow caster.
func renderPixel(s *Scene, pose Pose, img *Image, u, v int, cands []int, hint *int) {
	nan := float32(math.NaN())
	i := v*img.Width + u
	rc := img.Ray(float64(u), float64(v))
	// Unit direction: depth z = t * (z of the unit optical ray).
	dz := 1 / rc.Norm()
	d := pose.R.Apply(rc.Scale(dz))
	h := Hit{T: math.Inf(1), Object: -1}
	if s.tree == nil {
		s.cast(pose.T, d, &h, false)
	} else {
		s.castList(pose.T, d, &h, cands)
	}
	var c Vec3
	switch {
	case h.Object < 0:
		c = s.Sky(d)
		img.Depth[i] = nan
		img.Normals[3*i], img.Normals[3*i+1], img.Normals[3*i+2] = nan, nan, nan
	default:
		finishHit(&h, pose.T, d)
		c = s.shade(h, hint)
		if h.T*dz > MaxDepth {
			img.Depth[i] = nan
			img.Normals[3*i], img.Normals[3*i+1], img.Normals[3*i+2] = nan, nan, nan
			break
		}
		n := pose.R.ApplyT(h.N)
		img.Depth[i] = float32(h.T * dz)
		img.Normals[3*i], img.Normals[3*i+1], img.Normals[3*i+2] = float32(n.X), float32(n.Y), float32(n.Z)
	}
	img.RGB[3*i], img.RGB[3*i+1], img.RGB[3*i+2] = toneMap(c.X), toneMap(c.Y), toneMap(c.Z)
}
