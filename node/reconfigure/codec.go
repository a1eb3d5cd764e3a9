package reconfigure

import (
	"fmt"
	"sort"
	"strings"

	drmsg "github.com/depthnode/depthnode/node/reconfigure/dynamic_reconfigure"
)

// encode writes values (coerced to each parameter's type) as a Config in the
// table's order, with the group states the Python server sends: the root
// first, then each sub-group, all enabled.
func (t *table) encode(values map[string]any) drmsg.Config {
	var c drmsg.Config
	for _, p := range t.params {
		v, ok := values[p.Name]
		if !ok {
			continue
		}
		switch x := v.(type) {
		case bool:
			c.Bools = append(c.Bools, drmsg.BoolParameter{Name: p.Name, Value: x})
		case int:
			c.Ints = append(c.Ints, drmsg.IntParameter{Name: p.Name, Value: int32(x)})
		case string:
			c.Strs = append(c.Strs, drmsg.StrParameter{Name: p.Name, Value: x})
		case float64:
			c.Doubles = append(c.Doubles, drmsg.DoubleParameter{Name: p.Name, Value: x})
		}
	}
	c.Groups = t.groupStates()
	return c
}

// groupStates lists the root group and its sub-groups as GroupState messages.
func (t *table) groupStates() []drmsg.GroupState {
	gs := []drmsg.GroupState{{Name: rootGroup, State: true, Id: 0, Parent: 0}}
	for i, g := range t.groups {
		gs = append(gs, drmsg.GroupState{Name: g, State: true, Id: int32(i + 1), Parent: 0})
	}
	return gs
}

// decode reads a Config into a map of bool, int, float64 and string values.
// Group states are ignored (groups cannot be switched off here); a name
// given twice is an error, since which value wins would be a guess.
func decode(c drmsg.Config) (map[string]any, error) {
	m := make(map[string]any, len(c.Bools)+len(c.Ints)+len(c.Strs)+len(c.Doubles))
	var twice []string
	put := func(name string, v any) {
		if _, dup := m[name]; dup {
			twice = append(twice, name)
		}
		m[name] = v
	}
	for _, p := range c.Bools {
		put(p.Name, p.Value)
	}
	for _, p := range c.Ints {
		put(p.Name, int(p.Value))
	}
	for _, p := range c.Strs {
		put(p.Name, p.Value)
	}
	for _, p := range c.Doubles {
		put(p.Name, p.Value)
	}
	if len(twice) > 0 {
		sort.Strings(twice)
		return nil, fmt.Errorf("%w: %s given more than once", ErrRefused, strings.Join(twice, ", "))
	}
	return m, nil
}
