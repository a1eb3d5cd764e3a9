package stage

import (
	"fmt"
	"slices"
)

// Declared is a stage as the node lists it: its name, the stages whose FrameOutput additions
// it reads (so they must consume each frame before it), how to start it, and whether one
// instance serves every camera (the preview: one page, one port) instead of one per camera.
type Declared struct {
	Name   string
	After  []string
	New    New
	Shared bool
}

// Order sorts stages so each comes after those it declares, keeping the given order where
// nothing is declared; an unknown name or a cycle is an error.
func Order(ds []Declared) ([]Declared, error) {
	index := map[string]int{}
	for i, d := range ds {
		if _, dup := index[d.Name]; dup {
			return nil, fmt.Errorf("stage %q declared twice", d.Name)
		}
		index[d.Name] = i
	}
	for _, d := range ds {
		for _, a := range d.After {
			if _, ok := index[a]; !ok {
				return nil, fmt.Errorf("stage %q runs after %q, which is not declared", d.Name, a)
			}
		}
	}
	var out []Declared
	placed := make([]bool, len(ds))
	ready := func(d Declared) bool {
		return !slices.ContainsFunc(d.After, func(a string) bool { return !placed[index[a]] })
	}
	for len(out) < len(ds) {
		progress := false
		for i, d := range ds {
			if placed[i] || !ready(d) {
				continue
			}
			out, placed[i], progress = append(out, d), true, true
			break // restart from the top, so declaration order breaks ties
		}
		if !progress {
			return nil, fmt.Errorf("stages depend on each other in a cycle")
		}
	}
	return out, nil
}
