package inference

// Tasks names the outputs a model set can produce or a caller wants.
type Tasks struct{ Depth, Normals bool }

// Any reports whether at least one task is set.
func (t Tasks) Any() bool { return t.Depth || t.Normals }

// String names the set tasks ("depth+normals", "depth", "normals", "none").
func (t Tasks) String() string {
	switch {
	case t.Depth && t.Normals:
		return "depth+normals"
	case t.Depth:
		return "depth"
	case t.Normals:
		return "normals"
	}
	return "none"
}
