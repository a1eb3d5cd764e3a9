package calib

import "math"

// fillMetric writes metric depth for rel under m into dst (grown when too
// small) and returns it: NaN where the map gives a depth <= 0 or beyond
// maxRange, or the relative depth is not finite. Both aligners publish this.
func fillMetric(dst, rel []float32, m ScaleShift, space Space, maxRange float64) []float32 {
	if cap(dst) < len(rel) {
		dst = make([]float32, len(rel))
	}
	out := dst[:len(rel)]
	s, t := m.Scale, m.Shift
	nan := float32(math.NaN())
	disp := space == SpaceDisparity
	for i, r := range rel {
		v := s*float64(r) + t
		if disp {
			v = 1 / v
		}
		if v > 0 && v <= maxRange { // false for NaN too
			out[i] = float32(v)
		} else {
			out[i] = nan
		}
	}
	return out
}
