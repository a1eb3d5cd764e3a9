package synth

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// ErrLidarConfig is wrapped by every LidarConfig validation error.
var ErrLidarConfig = errors.New("invalid lidar config")

// LidarConfig describes a simulated spinning LiDAR (Velodyne/Ouster-like).
type LidarConfig struct {
	// Beams is the number of lasers (0 = no LiDAR), spread evenly over [MinElevation, MaxElevation] degrees.
	Beams                      int
	MinElevation, MaxElevation float64
	// Columns is the number of firings per revolution (horizontal resolution 360/Columns degrees).
	Columns int
	// MinRange and MaxRange (metres) bound valid returns.
	MinRange, MaxRange float64
	// RangeNoise is the standard deviation of Gaussian range noise (metres).
	RangeNoise float64
	// DropRate is the probability that a return is lost.
	DropRate float64
	// CameraFromLidar is the mount: p_camera = R*p_lidar + T.
	CameraFromLidar Pose
}

// DefaultLidarConfig is a 16-beam, +-15 degree LiDAR 12 cm above and 5 cm
// behind the camera, with 1.5 cm range noise and 2% dropped returns.
func DefaultLidarConfig() LidarConfig {
	return LidarConfig{
		Beams: 16, MinElevation: -15, MaxElevation: 15, Columns: 1024,
		MinRange: 0.3, MaxRange: 100, RangeNoise: 0.015, DropRate: 0.02,
		CameraFromLidar: Pose{R: OpticalFromLidarAxes, T: Vec3{0, -0.12, -0.05}},
	}
}

// OpticalFromLidarAxes rotates LiDAR axes (x forward, y left, z up) into
// camera optical axes (x right, y down, z forward).
var OpticalFromLidarAxes = Mat3{{0, -1, 0}, {0, 0, -1}, {1, 0, 0}}

// Validate names the first bad field; Beams 0 (no LiDAR) is valid.
func (c LidarConfig) Validate() error {
	if c.Beams == 0 {
		return nil
	}
	switch {
	case c.Beams < 0:
		return fmt.Errorf("%w: Beams %d < 0", ErrLidarConfig, c.Beams)
	case c.Columns < 1:
		return fmt.Errorf("%w: Columns %d < 1", ErrLidarConfig, c.Columns)
	case c.MaxElevation < c.MinElevation || c.MinElevation < -90 || c.MaxElevation > 90:
		return fmt.Errorf("%w: elevations [%g, %g] must be ordered within [-90, 90]", ErrLidarConfig, c.MinElevation, c.MaxElevation)
	case c.MinRange < 0 || c.MaxRange <= c.MinRange:
		return fmt.Errorf("%w: MaxRange %g must exceed MinRange %g >= 0", ErrLidarConfig, c.MaxRange, c.MinRange)
	case c.RangeNoise < 0:
		return fmt.Errorf("%w: RangeNoise %g < 0", ErrLidarConfig, c.RangeNoise)
	case c.DropRate < 0 || c.DropRate >= 1:
		return fmt.Errorf("%w: DropRate %g outside [0, 1)", ErrLidarConfig, c.DropRate)
	}
	return nil
}

// Elevation returns beam b's elevation in radians (beam 0 lowest).
func (c LidarConfig) Elevation(b int) float64 {
	if c.Beams == 1 {
		return (c.MinElevation + c.MaxElevation) / 2 * math.Pi / 180
	}
	e := c.MinElevation + (c.MaxElevation-c.MinElevation)*float64(b)/float64(c.Beams-1)
	return e * math.Pi / 180
}

// Azimuth returns column k's azimuth in radians, from +x toward +y.
func (c LidarConfig) Azimuth(k int) float64 { return 2 * math.Pi * float64(k) / float64(c.Columns) }

// Scan casts one revolution from the LiDAR at worldFromLidar into s and
// returns an organised cloud (Height = Beams, Width = Columns) in the LiDAR
// frame. No return, out of range or dropped gives NaN coordinates. The
// noise of each ray is a hash of (seed, beam, column): deterministic for
// any number of workers. The spin is instantaneous (no motion skew).
func Scan(s *Scene, c LidarConfig, worldFromLidar Pose, seed uint64, workers int) *Cloud {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	cl := &Cloud{Width: c.Columns, Height: c.Beams, Points: make([]Point, c.Beams*c.Columns)}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				b := int(next.Add(1) - 1)
				if b >= c.Beams {
					return
				}
				scanBeam(s, c, worldFromLidar, seed, b, cl.Points[b*c.Columns:(b+1)*c.Columns])
			}
		}()
	}
	wg.Wait()
	return cl
}

func scanBeam(s *Scene, c LidarConfig, pose Pose, seed uint64, b int, out []Point) {
	nan := float32(math.NaN())
	se, ce := math.Sincos(c.Elevation(b))
	for k := range out {
		sa, ca := math.Sincos(c.Azimuth(k))
		dl := Vec3{ce * ca, ce * sa, se}
		h := mix64(seed ^ mix64(uint64(b)<<32|uint64(k)))
		out[k] = Point{nan, nan, nan, 0}
		hit, ok := s.Intersect(pose.T, pose.R.Apply(dl), c.MaxRange)
		if !ok || hit.T < c.MinRange {
			continue
		}
		if float64(h>>11)/(1<<53) < c.DropRate {
			continue
		}
		r := hit.T + c.RangeNoise*randNorm(mix64(h))
		// Intensity: a reflectivity-like value from albedo and incidence angle.
		alb := s.Objects[hit.Object].Texture.Albedo(hit.P, hit.N)
		cosi := -hit.N.Dot(pose.R.Apply(dl))
		inten := 255 * (0.2126*alb.X + 0.7152*alb.Y + 0.0722*alb.Z) * math.Max(cosi, 0)
		out[k] = Point{float32(dl.X * r), float32(dl.Y * r), float32(dl.Z * r), float32(inten)}
	}
}
