package synth

import "math"

// Object is a shape with a surface texture.
type Object struct {
	Shape   Shape
	Texture Texture
}

// Light is the scene's key light: directional (the sun) or a point lamp.
type Light struct {
	// Point selects a point light at Pos; otherwise light arrives along -Dir.
	Point bool
	// Pos is the lamp's position (Point lights).
	Pos Vec3
	// Dir is the unit direction toward the light (directional lights).
	Dir Vec3
	// Color is the light's linear-RGB intensity.
	Color Vec3
}

// Scene is a world (z up, metres) of objects under one light.
type Scene struct {
	Objects []Object
	Light   Light
	// Ambient is the sky/bounce light that reaches every surface.
	Ambient Vec3
	// SkyHorizon and SkyZenith colour rays that hit nothing.
	SkyHorizon, SkyZenith Vec3
	// Indoor is true for closed rooms (no sky visible).
	Indoor bool
	// Path is the camera trajectory through this scene.
	Path Path
	// unbounded, boxes and tree hold the prepared objects (see Prepare).
	unbounded []int
	bounded   []int
	boxes     []aabb
	tree      *bvh
}

// Prepare builds the acceleration structure; call it after changing
// Objects. Without it rays test every object exactly (same result, slower).
func (s *Scene) Prepare() {
	boxes := make([]aabb, len(s.Objects))
	var bounded []int
	s.unbounded = s.unbounded[:0]
	for i, o := range s.Objects {
		lo, hi := o.Shape.Bounds()
		if math.IsInf(lo.X, 0) || math.IsInf(lo.Y, 0) || math.IsInf(lo.Z, 0) ||
			math.IsInf(hi.X, 0) || math.IsInf(hi.Y, 0) || math.IsInf(hi.Z, 0) {
			s.unbounded = append(s.unbounded, i)
			continue
		}
		boxes[i] = aabb{lo, hi}
		bounded = append(bounded, i)
	}
	s.bounded, s.boxes = bounded, boxes
	s.tree = buildBVH(bounded, boxes)
}

// Hit is a ray's nearest surface point.
type Hit struct {
	T      float64
	P, N   Vec3
	Object int
}

// Intersect returns the nearest hit of the ray o+t*d (unit d) with t < tmax.
func (s *Scene) Intersect(o, d Vec3, tmax float64) (Hit, bool) {
	h := Hit{T: tmax, Object: -1}
	s.cast(o, d, &h, false)
	if h.Object < 0 {
		return h, false
	}
	// Report the side facing the ray: what a camera or LiDAR sees.
	finishHit(&h, o, d)
	return h, true
}

// cast updates h with the nearest hit before h.T (any hit with anyHit).
func (s *Scene) cast(o, d Vec3, h *Hit, anyHit bool) {
	if s.tree == nil {
		for i := range s.Objects {
			if t, n, ok := s.Objects[i].Shape.Intersect(o, d, h.T); ok {
				h.T, h.N, h.Object = t, n, i
				if anyHit {
					return
				}
			}
		}
		return
	}
	for _, i := range s.unbounded {
		if t, n, ok := s.Objects[i].Shape.Intersect(o, d, h.T); ok {
			h.T, h.N, h.Object = t, n, i
			if anyHit {
				return
			}
		}
	}
	s.tree.nearest(s.Objects, o, d, h, anyHit)
}

// castList updates h with the nearest hit among the unbounded objects and
// the listed candidates (indices into Objects), for rays whose possible
// hits are known in advance (a pixel tile's frustum).
func (s *Scene) castList(o, d Vec3, h *Hit, cands []int) {
	for _, i := range s.unbounded {
		if t, n, ok := s.Objects[i].Shape.Intersect(o, d, h.T); ok {
			h.T, h.N, h.Object = t, n, i
		}
	}
	for _, i := range cands {
		if t, n, ok := s.Objects[i].Shape.Intersect(o, d, h.T); ok {
			h.T, h.N, h.Object = t, n, i
		}
	}
}

// finishHit fills in the hit point and turns the normal toward the ray.
func finishHit(h *Hit, o, d Vec3) {
	h.P = o.Add(d.Scale(h.T))
	if h.N.Dot(d) > 0 {
		h.N = h.N.Scale(-1)
	}
}

// occluded reports whether anything lies on the segment from p toward dir
// shorter than dist. hint, when not nil, holds the last occluder found by
// this caller and is tried first: neighbouring pixels tend to share their
// shadow caster. The answer does not depend on the hint.
func (s *Scene) occluded(p, dir Vec3, dist float64, hint *int) bool {
	if hint != nil && *hint >= 0 {
		if _, _, ok := s.Objects[*hint].Shape.Intersect(p, dir, dist); ok {
			return true
		}
	}
	h := Hit{T: dist, Object: -1}
	s.cast(p, dir, &h, true)
	if h.Object >= 0 && hint != nil {
		*hint = h.Object
	}
	return h.Object >= 0
}

// Shade returns the linear-RGB radiance of hit h: Lambert under the key
// light with a hard shadow ray, plus hemispheric ambient.
func (s *Scene) Shade(h Hit) Vec3 { return s.shade(h, nil) }

// shade is Shade with a shadow-caster hint (see occluded).
func (s *Scene) shade(h Hit, hint *int) Vec3 {
	albedo := s.Objects[h.Object].Texture.Albedo(h.P, h.N)
	// Surfaces facing up get more sky light than those facing down.
	light := s.Ambient.Scale(0.7 + 0.3*h.N.Z)
	var l Vec3
	dist := math.Inf(1)
	atten := 1.0
	if s.Light.Point {
		l = s.Light.Pos.Sub(h.P)
		dist = l.Norm()
		l = l.Scale(1 / dist)
		atten = 1 / (1 + 0.08*dist*dist)
	} else {
		l = s.Light.Dir
	}
	if c := h.N.Dot(l); c > 0 {
		start := h.P.Add(h.N.Scale(1e-4))
		if !s.occluded(start, l, dist, hint) {
			light = light.Add(s.Light.Color.Scale(c * atten))
		}
	}
	return albedo.Mul(light)
}

// Sky returns the background colour for a ray that hit nothing.
func (s *Scene) Sky(d Vec3) Vec3 {
	t := math.Max(0, d.Z)
	return s.SkyHorizon.Lerp(s.SkyZenith, math.Sqrt(t))
}
