package synth

import "math"

// Texture gives a surface's linear-RGB albedo at world point p with outward
// normal n; procedural, so monocular cues (perspective of a pattern,
// texture gradients) exist without image files.
type Texture interface {
	Albedo(p, n Vec3) Vec3
}

// Solid is a single colour.
type Solid struct{ C Vec3 }

// Albedo implements Texture.
func (s Solid) Albedo(Vec3, Vec3) Vec3 { return s.C }

// tangentCoords returns two coordinates of p in the plane most nearly
// perpendicular to n (dropping n's dominant axis), with the vertical axis
// second when the surface is a wall.
func tangentCoords(p, n Vec3) (float64, float64) {
	ax, ay, az := math.Abs(n.X), math.Abs(n.Y), math.Abs(n.Z)
	switch {
	case az >= ax && az >= ay:
		return p.X, p.Y
	case ax >= ay:
		return p.Y, p.Z
	default:
		return p.X, p.Z
	}
}
