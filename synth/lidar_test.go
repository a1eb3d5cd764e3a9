package synth

import (
	"math"
	"sort"
	"testing"
)

// projectCloud maps valid LiDAR points through the extrinsic and the
// intrinsics and returns, per point landing in the image, the point's
// optical z and the rendered depth at the nearest pixel.
func projectCloud(f *Frame) (z, depth []float64) {
	in := f.Image.Intrinsics
	// Independent of the renderer: p_cam = R(q)*p + t from the quaternion.
	q := QuatFromMat3(f.CameraFromLidar.R)
	r, tr := q.Mat3(), f.CameraFromLidar.T
	for _, p := range f.Cloud.Points {
		if !p.Valid() {
			continue
		}
		pc := r.Apply(Vec3{float64(p.X), float64(p.Y), float64(p.Z)}).Add(tr)
		u, v, ok := in.Project(pc)
		if !ok {
			continue
		}
		ui, vi := int(math.Round(u)), int(math.Round(v))
		if ui < 0 || vi < 0 || ui >= in.Width || vi >= in.Height {
			continue
		}
		z = append(z, pc.Z)
		depth = append(depth, float64(f.Image.Depth[vi*in.Width+ui]))
	}
	return z, depth
}

// TestLidarMatchesRenderedDepth checks that LiDAR returns, moved into the
// camera frame, agree with the rendered depth: exactly (up to pixel
// quantisation) without noise, and within the noise with it.
func TestLidarMatchesRenderedDepth(t *testing.T) {
	cases := []struct {
		name         string
		noise        float64
		tol, relTol  float64
		minAgreeFrac float64
		scenes       SceneKind
	}{
		{"noiseless indoor", 0, 0.005, 0.02, 0.96, SceneIndoor},
		{"noiseless outdoor", 0, 0.005, 0.02, 0.96, SceneOutdoor},
		{"noisy mixed", 0.015, 0.06, 0.02, 0.95, SceneMixed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.Width, cfg.Height, cfg.FramesPerScene, cfg.Scenes = 320, 240, 1, c.scenes
			cfg.Lidar.RangeNoise = c.noise
			g, err := NewGenerator(cfg)
			if err != nil {
				t.Fatal(err)
			}
			total, agree := 0, 0
			for i := 0; i < 4; i++ {
				z, d := projectCloud(g.Frame(i))
				for k := range z {
					total++
					// Tolerance: noise, plus the depth change within half a
					// pixel on slanted surfaces; edges and parallax between
					// the two origins make the remaining disagreements.
					if math.Abs(z[k]-d[k]) <= c.tol+c.relTol*z[k] {
						agree++
					}
				}
			}
			if total < 500 {
				t.Fatalf("only %d LiDAR points project into the image", total)
			}
			t.Logf("%d of %d projected points agree with rendered depth", agree, total)
			if frac := float64(agree) / float64(total); frac < c.minAgreeFrac {
				t.Fatalf("%d of %d points (%.1f%%) agree with rendered depth, want >= %.0f%%", agree, total, 100*frac, 100*c.minAgreeFrac)
			}
		})
	}
}

// TestLidarNoiseAndDrops compares a noisy, lossy scan with the noiseless,
// lossless scan of the same rays: the range error's mean and standard
// deviation match RangeNoise, and the lost fraction matches DropRate.
func TestLidarNoiseAndDrops(t *testing.T) {
	cases := []struct {
		name        string
		noise, drop float64
	}{
		{"1.5 cm, 2%", 0.015, 0.02},
		{"1 cm, 10%", 0.01, 0.10},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.Width, cfg.Height = 32, 24
			g, _ := NewGenerator(cfg)
			s := g.Scene(0)
			mount := s.Path.Pose(0).Compose(cfg.Lidar.CameraFromLidar)
			exact := cfg.Lidar
			exact.RangeNoise, exact.DropRate = 0, 0
			noisy := cfg.Lidar
			noisy.RangeNoise, noisy.DropRate = c.noise, c.drop
			a := Scan(s, exact, mount, 99, 2)
			b := Scan(s, noisy, mount, 99, 2)
			var errs []float64
			hits, dropped := 0, 0
			for i, pa := range a.Points {
				if !pa.Valid() {
					continue
				}
				hits++
				pb := b.Points[i]
				if !pb.Valid() {
					dropped++
					continue
				}
				ra := math.Sqrt(float64(pa.X*pa.X + pa.Y*pa.Y + pa.Z*pa.Z))
				rb := math.Sqrt(float64(pb.X*pb.X + pb.Y*pb.Y + pb.Z*pb.Z))
				errs = append(errs, rb-ra)
			}
			n := float64(len(errs))
			var mean, sq float64
			for _, e := range errs {
				mean += e
			}
			mean /= n
			for _, e := range errs {
				sq += (e - mean) * (e - mean)
			}
			std := math.Sqrt(sq / (n - 1))
			// 10k+ samples: the mean's standard error is ~sigma/100.
			if math.Abs(mean) > 5*c.noise/math.Sqrt(n) {
				t.Errorf("mean range error %g m, want 0 +- %g", mean, 5*c.noise/math.Sqrt(n))
			}
			if math.Abs(std-c.noise) > 0.05*c.noise {
				t.Errorf("range noise std %g m, want %g +- 5%%", std, c.noise)
			}
			p := float64(dropped) / float64(hits)
			se := math.Sqrt(c.drop * (1 - c.drop) / float64(hits))
			if math.Abs(p-c.drop) > 5*se {
				t.Errorf("dropped %.4f of returns, want %.4f +- %.4f", p, c.drop, 5*se)
			}
			sort.Float64s(errs)
			if hits < 10000 {
				t.Errorf("only %d returns; the statistics above need more", hits)
			}
		})
	}
}

// TestLidarGeometry casts a LiDAR at height h above an empty floor: every
// downward beam must land on the floor at range h/sin(-elevation).
func TestLidarGeometry(t *testing.T) {
	s := &Scene{Objects: []Object{{Plane{N: Vec3{0, 0, 1}}, Solid{C: Vec3{0.5, 0.5, 0.5}}}}}
	s.Prepare()
	cfg := DefaultLidarConfig()
	cfg.RangeNoise, cfg.DropRate, cfg.Columns = 0, 0, 90
	const h = 1.3
	cl := Scan(s, cfg, Pose{R: RotZ(0.4), T: Vec3{2, -1, h}}, 1, 2)
	for b := 0; b < cfg.Beams; b++ {
		e := cfg.Elevation(b)
		for k := 0; k < cfg.Columns; k++ {
			p := cl.Points[b*cfg.Columns+k]
			switch {
			case e >= 0:
				if p.Valid() {
					t.Fatalf("beam %d (elevation %.1f deg) returned %v from the open sky", b, e*180/math.Pi, p)
				}
			default:
				want := h / math.Sin(-e)
				if want > cfg.MaxRange {
					continue
				}
				r := math.Sqrt(float64(p.X*p.X + p.Y*p.Y + p.Z*p.Z))
				if !p.Valid() || math.Abs(r-want) > 1e-4 || math.Abs(float64(p.Z)+h) > 1e-4 {
					t.Fatalf("beam %d column %d: point %v (range %g), want range %g at z=-%g", b, k, p, r, want, h)
				}
				az := math.Atan2(float64(p.Y), float64(p.X))
				if d := math.Remainder(az-cfg.Azimuth(k), 2*math.Pi); math.Abs(d) > 1e-5 {
					t.Fatalf("beam %d column %d: azimuth %g, want %g", b, k, az, cfg.Azimuth(k))
				}
			}
		}
	}
}

// TestCloudRoundTrip packs a cloud (with missing returns) as PointCloud2
// bytes and decodes it back.
func TestCloudRoundTrip(t *testing.T) {
	nan := float32(math.NaN())
	c := &Cloud{Width: 3, Height: 2, Points: []Point{
		{1, 2, 3, 4}, {-1.5, 0.25, 1e-3, 0}, {nan, nan, nan, 0},
		{100, -100, 7, 255}, {0, 0, 0, 1}, {3.25, 2.5, -0.75, 12.5},
	}}
	data := c.Bytes()
	if len(data) != 6*PointStep {
		t.Fatalf("%d bytes, want %d", len(data), 6*PointStep)
	}
	// Byte layout: x of point 1 = -1.5 = 0xbfc00000 little-endian.
	if got := data[PointStep : PointStep+4]; got[0] != 0 || got[1] != 0 || got[2] != 0xc0 || got[3] != 0xbf {
		t.Fatalf("x of point 1 encoded as % x, want 00 00 c0 bf", got)
	}
	back, err := DecodeCloud(data, 3, 2)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range c.Points {
		q := back.Points[i]
		if p.Valid() != q.Valid() || (p.Valid() && p != q) || p.Intensity != q.Intensity {
			t.Errorf("point %d: %v, want %v", i, q, p)
		}
	}
	for _, bad := range []struct{ w, h int }{{4, 2}, {-1, 2}, {3, 1}} {
		if _, err := DecodeCloud(data, bad.w, bad.h); err == nil {
			t.Errorf("DecodeCloud(%dx%d) accepted %d bytes", bad.w, bad.h, len(data))
		}
	}
}
