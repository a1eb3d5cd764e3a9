package synth

// tileSize is the side of the pixel tiles whose rays share a candidate list.
const tileSize = 16

// tileCandidates appends to dst the bounded objects whose boxes may meet a
// ray through the pixel rectangle [u0,u1]x[v0,v1] (inclusive pixel
// centres) of a camera at pose: those not entirely outside one of the four
// planes through the camera centre and the rectangle's edges (half a pixel
// out, so every pixel's ray is inside). A scene without Prepare has no
// candidates here and is rendered by testing every object.
func tileCandidates(dst []int, s *Scene, in Intrinsics, pose Pose, u0, v0, u1, v1 int) []int {
	corner := func(u, v float64) Vec3 { return pose.R.Apply(in.Ray(u, v)) }
	a := corner(float64(u0)-0.5, float64(v0)-0.5)
	b := corner(float64(u1)+0.5, float64(v0)-0.5)
	c := corner(float64(u1)+0.5, float64(v1)+0.5)
	d := corner(float64(u0)-0.5, float64(v1)+0.5)
	// Inward normals: a, b, c, d run clockwise in the image (x right, y
	// down), so a x b points into the pyramid (checked by the tests).
	planes := [4]Vec3{a.Cross(b), b.Cross(c), c.Cross(d), d.Cross(a)}
	for _, i := range s.bounded {
		bx := s.boxes[i]
		inside := true
		for _, n := range planes {
			// The box corner farthest along n decides.
			p := Vec3{pick(n.X, bx.lo.X, bx.hi.X), pick(n.Y, bx.lo.Y, bx.hi.Y), pick(n.Z, bx.lo.Z, bx.hi.Z)}
			if n.Dot(p.Sub(pose.T)) < -1e-9*n.Norm()*(1+p.Sub(pose.T).Norm()) {
				inside = false
				break
			}
		}
		if inside {
			dst = append(dst, i)
		}
	}
	return dst
}

// pick returns hi when the normal component is positive, else lo.
func pick(n, lo, hi float64) float64 {
	if n > 0 {
		return hi
	}
	return lo
}
