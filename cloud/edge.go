package cloud

import "math"

// flying reports whether pixel (u,v) of depth d differs from one of its 4
// neighbours in the full-resolution depth by more than lim (the threshold
// times d); invalid neighbours say nothing. Four neighbours, not eight: a
// plane seen at a grazing angle changes depth fastest along the diagonal, so
// diagonals would remove good slanted surfaces (a floor far ahead) sooner,
// while a flying pixel on a smeared edge always has a jump to its left/right
// or up/down neighbour.
func flying(depth []float32, w, h, u, v int, d, lim float32) bool {
	i := v*w + u
	return (u > 0 && jumps(depth[i-1], d, lim)) ||
		(u+1 < w && jumps(depth[i+1], d, lim)) ||
		(v > 0 && jumps(depth[i-w], d, lim)) ||
		(v+1 < h && jumps(depth[i+w], d, lim))
}

// steep is the quick test for an inner pixel i of depth d: false means
// flying is false too. A NaN neighbour compares false by itself, so only a
// suspected jump (or an infinite or non-positive neighbour) needs flying.
func steep(depth []float32, w, i int, d, lim float32) bool {
	l, r, t, b := depth[i-1]-d, depth[i+1]-d, depth[i-w]-d, depth[i+w]-d
	lim2 := lim * lim
	return l*l > lim2 || r*r > lim2 || t*t > lim2 || b*b > lim2
}

// jumps reports whether a valid neighbour depth n is more than lim away from d.
func jumps(n, d, lim float32) bool {
	return validDepth(n) && (n-d > lim || d-n > lim)
}

// validDepth is false for NaN, infinite and non-positive depth.
func validDepth(d float32) bool {
	return d > 0 && d <= math.MaxFloat32
}
