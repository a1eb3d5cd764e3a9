package cloud

import "math"

// flying reports whether the pixel i = v*w+u of depth d differs from one of
// its 4 neighbours by more than lim (threshold times d). Four neighbours,
// not eight: a plane seen at a grazing angle changes depth fastest along the
// diagonal, so diagonals would remove good slanted surfaces (a floor far
// ahead) at a lower angle, while a flying pixel on a smeared edge always has
// a jump to its left/right or up/down neighbour. Invalid neighbours say
// nothing and are skipped.
func flying(depth []float32, w, h, u, v, i int, d, lim float32) bool {
	return (u > 0 && jumps(depth[i-1], d, lim)) ||
		(u+1 < w && jumps(depth[i+1], d, lim)) ||
		(v > 0 && jumps(depth[i-w], d, lim)) ||
		(v+1 < h && jumps(depth[i+w], d, lim))
}

// jumps reports whether a valid neighbour depth n is more than lim away from d.
func jumps(n, d, lim float32) bool {
	return validDepth(n) && (n-d > lim || d-n > lim)
}

// validDepth is false for NaN, infinite and non-positive depth.
func validDepth(d float32) bool {
	return d > 0 && d <= math.MaxFloat32
}
