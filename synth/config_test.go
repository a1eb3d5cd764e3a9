package synth

import (
	"errors"
	"strings"
	"testing"
)

// TestConfigValidate checks that each bad field is refused by name and the
// defaults pass.
func TestConfigValidate(t *testing.T) {
	cases := []struct {
		name   string
		change func(*Config)
		key    string // "" = valid
	}{
		{"defaults", func(*Config) {}, ""},
		{"no lidar", func(c *Config) { c.Lidar.Beams = 0 }, ""},
		{"zero width", func(c *Config) { c.Width = 0 }, "Width"},
		{"negative frames per scene", func(c *Config) { c.FramesPerScene = -1 }, "FramesPerScene"},
		{"zero stride", func(c *Config) { c.Stride = 0 }, "Stride"},
		{"negative workers", func(c *Config) { c.Workers = -2 }, "Workers"},
		{"unknown scenes", func(c *Config) { c.Scenes = "forest" }, "Scenes"},
		{"negative beams", func(c *Config) { c.Lidar.Beams = -1 }, "Beams"},
		{"no columns", func(c *Config) { c.Lidar.Columns = 0 }, "Columns"},
		{"elevations reversed", func(c *Config) { c.Lidar.MinElevation = 20 }, "elevations"},
		{"max range below min", func(c *Config) { c.Lidar.MaxRange = 0.1 }, "MaxRange"},
		{"negative noise", func(c *Config) { c.Lidar.RangeNoise = -0.01 }, "RangeNoise"},
		{"drop everything", func(c *Config) { c.Lidar.DropRate = 1 }, "DropRate"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := DefaultConfig()
			c.change(&cfg)
			err := cfg.Validate()
			if c.key == "" {
				if err != nil {
					t.Fatalf("valid config refused: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), c.key) {
				t.Fatalf("error %v, want ErrConfig naming %s", err, c.key)
			}
			if _, err := NewGenerator(cfg); err == nil {
				t.Fatal("NewGenerator accepted the bad config")
			}
		})
	}
}

// TestCameraStaysClear checks that generated paths never put the camera
// inside an object or behind a room's wall or floor.
func TestCameraStaysClear(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Width, cfg.Height, cfg.Lidar.Beams = 8, 8, 0
	g, _ := NewGenerator(cfg)
	for k := 0; k < 20; k++ {
		s := g.Scene(k)
		period := 2 * 3.141592653589793 / abs(s.Path.Omega)
		for i := 0; i < 24; i++ {
			pos := s.Path.Position(period * float64(i) / 24)
			for _, o := range s.Objects {
				if inside(o.Shape, pos) {
					t.Fatalf("scene %d step %d: camera at %v inside %#v", k, i, pos, o.Shape)
				}
			}
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// inside reports whether p is inside a closed shape or behind a plane.
func inside(s Shape, p Vec3) bool {
	switch v := s.(type) {
	case Plane:
		return v.N.Dot(p) < v.Offset
	case Sphere:
		return p.Sub(v.C).Norm() < v.R
	case Box:
		q := RotZ(-v.Yaw).Apply(p.Sub(v.C))
		return abs(q.X) < v.Half.X && abs(q.Y) < v.Half.Y && abs(q.Z) < v.Half.Z
	case Cylinder:
		dx, dy := p.X-v.X, p.Y-v.Y
		return dx*dx+dy*dy < v.R*v.R && p.Z > v.Z0 && p.Z < v.Z1
	}
	return false
}
