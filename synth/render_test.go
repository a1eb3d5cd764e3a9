package synth

import (
	"math"
	"testing"
)

// corridor is a hand-built scene: floor z=0, a wall facing -x at x=wallX,
// and a sphere on the optical axis.
func corridor(wallX float64, sphere Sphere) *Scene {
	s := &Scene{
		Objects: []Object{
			{Plane{N: Vec3{0, 0, 1}, Offset: 0}, Checker{A: Vec3{0.8, 0.8, 0.8}, B: Vec3{0.2, 0.2, 0.2}, Size: 0.5}},
			{Plane{N: Vec3{-1, 0, 0}, Offset: -wallX}, Solid{C: Vec3{0.5, 0.4, 0.3}}},
			{sphere, Solid{C: Vec3{0.1, 0.6, 0.2}}},
		},
		Light:   Light{Dir: Vec3{0.3, 0.2, 1}.Unit(), Color: Vec3{1, 1, 1}},
		Ambient: Vec3{0.2, 0.2, 0.2},
	}
	s.Prepare()
	return s
}

// TestGroundTruthGeometry renders closed-form scenes and checks depth and
// normals against answers derived without the renderer: a fronto-parallel
// wall has depth = its distance, a floor seen from height h by a camera with
// pitch p has depth h/(sin p + y cos p) (y = (v-cy)/fy) and optical normal
// (0, -cos p, -sin p), and a sphere straight ahead is at L-R on the axis.
func TestGroundTruthGeometry(t *testing.T) {
	in := Intrinsics{Width: 160, Height: 120, Fx: 120, Fy: 120, Cx: 79.5, Cy: 59.5}
	cases := []struct {
		name          string
		camX, h, yaw  float64
		pitch, wallX  float64
		sphereAt, rad float64
	}{
		{"level", 0, 1.2, 0, 0, 6, 3, 0.4},
		{"level far wall", -2, 0.5, 0, 0, 20, 4, 1},
		{"tilted down", 0, 1.5, 0, 0.35, 8, 3, 0.5},
		{"tilted up", 0, 1.0, 0, -0.1, 8, 3, 0.5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			camPos := Vec3{c.camX, 0, c.h}
			// The sphere sits on the optical axis, sphereAt metres ahead.
			fwd := Vec3{math.Cos(c.pitch), 0, -math.Sin(c.pitch)}
			sph := Sphere{C: camPos.Add(fwd.Scale(c.sphereAt)), R: c.rad}
			s := corridor(c.wallX, sph)
			img := NewImage(in)
			Render(s, Pose{R: opticalRotation(c.yaw, c.pitch), T: camPos}, img, 2)
			sp, cp := math.Sin(c.pitch), math.Cos(c.pitch)
			wantFloorN := Vec3{0, -cp, -sp}
			var floorPx, wallPx int
			for v := 0; v < in.Height; v++ {
				y := (float64(v) - in.Cy) / in.Fy
				for u := 0; u < in.Width; u++ {
					x := (float64(u) - in.Cx) / in.Fx
					i := v*in.Width + u
					// Skip pixels whose ray may meet the sphere (angular radius + margin).
					ray := Vec3{x, y, 1}.Unit()
					if math.Acos(ray.Z) < math.Asin(c.rad/c.sphereAt)+0.02 {
						continue
					}
					d := float64(img.Depth[i])
					n := Vec3{float64(img.Normals[3*i]), float64(img.Normals[3*i+1]), float64(img.Normals[3*i+2])}
					// Closed forms: floor depth along the optical axis, wall depth.
					floorZ := math.Inf(1)
					if den := sp + y*cp; den > 0 {
						floorZ = c.h / den
					}
					wallZ := math.Inf(1)
					if den := cp - y*sp; den > 0 {
						wallZ = (c.wallX - c.camX) / den
					}
					switch {
					case floorZ < wallZ && floorZ <= MaxDepth:
						floorPx++
						if math.Abs(d-floorZ) > 1e-4*floorZ {
							t.Fatalf("floor pixel (%d,%d): depth %g, want %g", u, v, d, floorZ)
						}
						if n.Sub(wantFloorN).Norm() > 1e-6 {
							t.Fatalf("floor pixel (%d,%d): normal %v, want %v", u, v, n, wantFloorN)
						}
					case wallZ < floorZ && wallZ <= MaxDepth:
						wallPx++
						if math.Abs(d-wallZ) > 1e-4*wallZ {
							t.Fatalf("wall pixel (%d,%d): depth %g, want %g", u, v, d, wallZ)
						}
						// The wall faces -x: in optical axes (0, sin p, -cos p).
						if want := (Vec3{0, sp, -cp}); n.Sub(want).Norm() > 1e-6 {
							t.Fatalf("wall pixel (%d,%d): normal %v, want %v", u, v, n, want)
						}
					}
				}
			}
			if floorPx < 100 || wallPx < 100 {
				t.Fatalf("too few pixels checked: floor %d, wall %d", floorPx, wallPx)
			}
			if c.pitch == 0 {
				// Fronto-parallel wall: every wall pixel's depth is the distance.
				i := 10*in.Width + 10
				if math.Abs(float64(img.Depth[i])-(c.wallX-c.camX)) > 1e-4 {
					t.Errorf("fronto-parallel wall depth %g, want %g", img.Depth[i], c.wallX-c.camX)
				}
			}
			// The sphere: the principal point's ray (between pixel centres
			// when Cx, Cy are half-integers) meets it at L-R; the four
			// nearest pixels are within a hair of it, normal about (0,0,-1).
			i := int(in.Cy)*in.Width + int(in.Cx)
			if d := float64(img.Depth[i]); math.Abs(d-(c.sphereAt-c.rad)) > 2e-3 {
				t.Errorf("sphere depth on axis %g, want %g", d, c.sphereAt-c.rad)
			}
			if nz := img.Normals[3*i+2]; nz > -0.99 {
				t.Errorf("sphere normal z on axis %g, want about -1", nz)
			}
		})
	}
}

// TestNormalsUnitAndFacing checks, over generated scenes, that every valid
// normal is unit length, faces the camera (n . ray < 0) and that depth and
// normals are valid on the same pixels.
func TestNormalsUnitAndFacing(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Width, cfg.Height, cfg.FramesPerScene, cfg.Lidar.Beams = 96, 72, 1, 0
	g, err := NewGenerator(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, frame := range []int{0, 1, 2, 3, 4, 5} {
		f := g.Frame(frame)
		img := f.Image
		valid := 0
		for v := 0; v < img.Height; v++ {
			for u := 0; u < img.Width; u++ {
				i := v*img.Width + u
				d := img.Depth[i]
				n := Vec3{float64(img.Normals[3*i]), float64(img.Normals[3*i+1]), float64(img.Normals[3*i+2])}
				if math.IsNaN(float64(d)) != math.IsNaN(n.X) {
					t.Fatalf("frame %d pixel (%d,%d): depth %g but normal %v", frame, u, v, d, n)
				}
				if math.IsNaN(float64(d)) {
					continue
				}
				valid++
				if d <= 0 || d > MaxDepth {
					t.Fatalf("frame %d pixel (%d,%d): depth %g out of (0, %g]", frame, u, v, d, MaxDepth)
				}
				if math.Abs(n.Norm()-1) > 1e-5 {
					t.Fatalf("frame %d pixel (%d,%d): |n| = %g", frame, u, v, n.Norm())
				}
				if n.Dot(img.Ray(float64(u), float64(v))) >= 0 {
					t.Fatalf("frame %d pixel (%d,%d): normal %v faces away", frame, u, v, n)
				}
			}
		}
		// Closed rooms and walled yards: most pixels carry ground truth.
		if frac := float64(valid) / float64(img.Width*img.Height); frac < 0.6 {
			t.Errorf("frame %d (scene %d): only %.0f%% pixels valid", frame, f.Scene, 100*frac)
		}
	}
}
