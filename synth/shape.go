package synth

// hitEpsilon keeps a ray from hitting the surface it starts on (shadow rays).
const hitEpsilon = 1e-6

// Shape is an analytic surface a ray can hit.
type Shape interface {
	// Intersect returns the smallest t in (hitEpsilon, tmax) at which o+t*d
	// meets the surface (d has unit length) and the surface's outward normal
	// there (unit); ok is false when there is no such t.
	Intersect(o, d Vec3, tmax float64) (t float64, n Vec3, ok bool)
	// Bounds returns the shape's axis-aligned bounding box (infinite
	// components when unbounded), so most rays skip the exact test.
	Bounds() (lo, hi Vec3)
}
