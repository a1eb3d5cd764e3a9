package reconfigure

import (
	drmsg "github.com/depthnode/depthnode/node/reconfigure/dynamic_reconfigure"
)

// restartNote ends the description of a parameter that is not live, so rqt's tooltip says why a change snaps back.
const restartNote = " (restart-only: changes are refused)"

// description builds the ConfigDescription: the root group "Default"
// (id 0, parent 0, type "") with the parameters that name no group, then
// one group per Group name (ids from 1, parent 0, type ""), in the order
// parameter_generator writes them; max, min and dflt hold every parameter.
func (t *table) description() drmsg.ConfigDescription {
	groups := []drmsg.Group{{Name: rootGroup, Type: "", Parent: 0, Id: 0}}
	for i, g := range t.groups {
		groups = append(groups, drmsg.Group{Name: g, Type: "", Parent: 0, Id: int32(i + 1)})
	}
	lo, hi := map[string]any{}, map[string]any{}
	for _, p := range t.params {
		d := drmsg.ParamDescription{
			Name:        p.Name,
			Type:        string(p.Type),
			Level:       p.Level,
			Description: p.Description,
			EditMethod:  editMethod(p),
		}
		if !p.Live {
			d.Description += restartNote
		}
		g := &groups[t.groupID(p)]
		g.Parameters = append(g.Parameters, d)
		lo[p.Name], hi[p.Name] = bounds(p)
	}
	noGroups := func(c drmsg.Config) drmsg.Config { c.Groups = nil; return c }
	return drmsg.ConfigDescription{
		Groups: groups,
		Max:    noGroups(t.encode(hi)),
		Min:    noGroups(t.encode(lo)),
		Dflt:   noGroups(t.encode(t.defaults())),
	}
}

// bounds returns the min and max dynamic_reconfigure lists for p: the
// numeric range, false/true for a bool and ""/"" for a string.
func bounds(p Param) (any, any) {
	switch p.Type {
	case Bool:
		return false, true
	case Str:
		return "", ""
	}
	return p.Min, p.Max
}
