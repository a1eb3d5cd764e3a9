package synth

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// Render ray-casts scene s from a camera at pose (world <- optical) into
// img, one ray per pixel centre, using up to workers goroutines
// (0 = GOMAXPROCS). Each pixel depends only on the scene, the pose and its
// coordinates, so the result is identical for any number of workers.
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
			for {
				v := int(next.Add(1) - 1)
				if v >= img.Height {
					return
				}
				renderRow(s, pose, img, v)
			}
		}()
	}
	wg.Wait()
}

func renderRow(s *Scene, pose Pose, img *Image, v int) {
	nan := float32(math.NaN())
	for u := 0; u < img.Width; u++ {
		i := v*img.Width + u
		rc := img.Ray(float64(u), float64(v))
		// Unit direction: depth z = t * (z of the unit optical ray).
		dz := 1 / rc.Norm()
		d := pose.R.Apply(rc.Scale(dz))
		var c Vec3
		h, ok := s.Intersect(pose.T, d, math.Inf(1))
		if ok && h.T*dz <= MaxDepth {
			c = s.Shade(h)
			n := pose.R.ApplyT(h.N)
			img.Depth[i] = float32(h.T * dz)
			img.Normals[3*i], img.Normals[3*i+1], img.Normals[3*i+2] = float32(n.X), float32(n.Y), float32(n.Z)
		} else {
			if ok {
				c = s.Shade(h)
			} else {
				c = s.Sky(d)
			}
			img.Depth[i] = nan
			img.Normals[3*i], img.Normals[3*i+1], img.Normals[3*i+2] = nan, nan, nan
		}
		img.RGB[3*i], img.RGB[3*i+1], img.RGB[3*i+2] = toneMap(c.X), toneMap(c.Y), toneMap(c.Z)
	}
}
