package node

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	pt "github.com/depthnode/depthnode/internal/paramtable"
	"github.com/depthnode/depthnode/node/params"
	"github.com/depthnode/depthnode/node/reconfigure"
)

// reconfigParams describes every parameter of params.Table to dynamic_reconfigure, in the
// table's order and groups: ranges from the table's bounds, choices as an enum, and Live from
// the row's .Live(), so declaring a row .Live() is all it takes to make it tunable at run
// time. Restart-only parameters are shown too (their changes are refused).
func reconfigParams() []reconfigure.Param {
	out := make([]reconfigure.Param, 0, len(params.Table))
	for _, p := range params.Table {
		if p.IsSecret() {
			continue
		}
		rp := reconfigure.Param{
			Name:        p.Name(),
			Type:        reconfigure.Type(p.Kind().String()),
			Default:     p.Default(),
			Description: p.Description(),
			Group:       p.GroupName(),
			Live:        p.IsLive(),
		}
		lo, loOK, hi, hiOK := p.Range()
		switch p.Kind() {
		case pt.KindInt:
			if loOK {
				rp.Min = int(lo)
			}
			if hiOK {
				rp.Max = int(hi)
			}
		case pt.KindFloat:
			if loOK {
				rp.Min = lo
			}
			if hiOK {
				rp.Max = hi
			}
		}
		for _, c := range p.Choices() {
			rp.Enum = append(rp.Enum, reconfigure.EnumValue{Name: c, Value: c})
		}
		if len(rp.Enum) > 0 {
			rp.EnumDescription = p.Description()
		}
		out = append(out, rp)
	}
	return out
}

// paramValues is every parameter of p but the secret ones by name, as dynamic_reconfigure
// carries it.
func paramValues(p params.Params) map[string]any {
	m := make(map[string]any, len(params.Table))
	for _, row := range params.Table {
		if !row.IsSecret() {
			m[row.Name()] = row.Get(&p)
		}
	}
	return m
}

// withChanges returns cur with the accepted changes applied, validated as a whole (so the
// checks between parameters hold, and the table's open bounds and value checks, which
// dynamic_reconfigure's min/max cannot say); an error refuses every change.
func withChanges(cur params.Params, changes map[string]any) (params.Params, error) {
	next := cur
	for _, name := range slices.Sorted(maps.Keys(changes)) {
		if err := next.Set(name, changes[name], ""); err != nil {
			return cur, err
		}
	}
	if err := next.Validate(); err != nil {
		return cur, err
	}
	return next, nil
}

// liveNames lists the parameters that can change at run time, for the start-up line.
func liveNames() []string {
	var names []string
	for _, p := range params.Table {
		if p.IsLive() {
			names = append(names, p.Name())
		}
	}
	return names
}

// formatChanges writes a change set for a log line in name order: "a=1, b=depth".
func formatChanges(m map[string]any) string {
	parts := make([]string, 0, len(m))
	for _, name := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s=%v", name, m[name]))
	}
	return strings.Join(parts, ", ")
}
