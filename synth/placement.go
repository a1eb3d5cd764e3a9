package synth

import "math"

// clearOfPath reports whether a footprint circle (x, y, r) keeps at least
// margin metres from every sampled position of the camera path, so the
// camera never drives through an object.
func clearOfPath(p Path, x, y, r, margin float64) bool {
	const samples = 96
	period := 2 * math.Pi / math.Abs(p.Omega)
	for i := 0; i < samples; i++ {
		c := p.Position(period * float64(i) / samples)
		if math.Hypot(c.X-x, c.Y-y) < r+margin {
			return false
		}
	}
	return true
}

// footprint is a placed object's ground circle, to keep objects apart.
type footprint struct{ x, y, r float64 }

// overlaps reports whether (x, y, r) intersects any placed footprint.
func overlaps(placed []footprint, x, y, r float64) bool {
	for _, f := range placed {
		if math.Hypot(f.x-x, f.y-y) < f.r+r+0.05 {
			return true
		}
	}
	return false
}
