package synth

import (
	"fmt"
	"math"
	"testing"
)

// TestFootprintFloorPlane: in the camera's footprint the camera is at the path's height and
// tilt (up in the optical frame is (0, -cos p, -sin p)), and every ground-truth pixel whose
// normal is up lies on the plane up·X = -height, indoors and outdoors.
func TestFootprintFloorPlane(t *testing.T) {
	for _, kind := range []SceneKind{SceneIndoor, SceneOutdoor} {
		for _, frame := range []int{0, 37, 211} {
			t.Run(fmt.Sprintf("%s/%d", kind, frame), func(t *testing.T) {
				cfg := DefaultConfig()
				cfg.Width, cfg.Height, cfg.Scenes, cfg.Seed, cfg.Lidar.Beams = 96, 72, kind, 5, 0
				g, err := NewGenerator(cfg)
				if err != nil {
					t.Fatal(err)
				}
				f := g.Frame(frame)
				k, step := g.Locate(frame)
				path := g.Scene(k).Path
				gc := GroundFromCamera(f.WorldFromCamera)
				h, tilt := path.Position(step).Z, path.Tilt(step)
				up := gc.R.ApplyT(Vec3{0, 0, 1}) // the third row of R: world up in the optical frame
				if math.Abs(gc.T.Z-h) > 1e-12 || math.Abs(gc.T.X)+math.Abs(gc.T.Y) > 1e-12 ||
					up.Sub(Vec3{0, -math.Cos(tilt), -math.Sin(tilt)}).Norm() > 1e-12 {
					t.Fatalf("camera in its footprint at %v, up %v; want (0,0,%g), tilt %g rad", gc.T, up, h, tilt)
				}
				if fx := gc.R.Apply(Vec3{0, 0, 1}); math.Abs(fx.Y) > 1e-12 || fx.X <= 0 && tilt < math.Pi/2-1e-6 {
					t.Fatalf("optical axis %v in the footprint: want it in the x-z plane, ahead", fx)
				}
				img, n := f.Image, 0
				for v := 0; v < img.Height; v++ {
					for u := 0; u < img.Width; u++ {
						i := v*img.Width + u
						nrm := Vec3{float64(img.Normals[3*i]), float64(img.Normals[3*i+1]), float64(img.Normals[3*i+2])}
						if math.IsNaN(nrm.X) || nrm.Dot(up) < 1-1e-6 {
							continue
						}
						x := img.Ray(float64(u), float64(v)).Scale(float64(img.Depth[i]))
						// Horizontal tops of props (above the floor) share its normal.
						d := x.Dot(up) + h
						if tol := 1e-4 * math.Max(1, x.Norm()); math.Abs(d) > tol {
							if d < 0.05 {
								t.Fatalf("floor-facing pixel (%d,%d) at %v lies %g m off the floor plane", u, v, x, d)
							}
							continue
						}
						n++
					}
				}
				if n < img.Width*img.Height/20 {
					t.Fatalf("only %d floor-facing pixels", n)
				}
			})
		}
	}
}
