package reconfigure

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// ErrBadParams is returned by New when the parameter descriptions are inconsistent.
var ErrBadParams = errors.New("reconfigure: bad parameter description")

// rootGroup is the name dynamic_reconfigure gives the top group (id 0, parent 0).
const rootGroup = "Default"

// table is the validated parameter list with defaults and bounds in Go types.
type table struct {
	params []Param
	byName map[string]int
	// groups are the sub-groups of the root, in order of first use; id = index+1.
	groups []string
}

// newTable validates params and normalises their values to bool, int, float64 or string.
func newTable(params []Param) (*table, error) {
	if len(params) == 0 {
		return nil, fmt.Errorf("%w: no parameters", ErrBadParams)
	}
	t := &table{byName: map[string]int{}}
	seenGroup := map[string]bool{}
	for i, p := range params {
		if err := normalise(&p); err != nil {
			return nil, fmt.Errorf("%w: parameter %d %q: %v", ErrBadParams, i, p.Name, err)
		}
		if _, dup := t.byName[p.Name]; dup {
			return nil, fmt.Errorf("%w: parameter %q listed twice", ErrBadParams, p.Name)
		}
		t.byName[p.Name] = len(t.params)
		t.params = append(t.params, p)
		if p.Group != "" && !seenGroup[p.Group] {
			seenGroup[p.Group] = true
			t.groups = append(t.groups, p.Group)
		}
	}
	return t, nil
}

// normalise checks one description and fills Min/Max for numbers.
func normalise(p *Param) error {
	if p.Name == "" || strings.ContainsAny(p.Name, "/~ \t\n") {
		return fmt.Errorf("name must be non-empty without '/', '~' or spaces")
	}
	if p.Name == "groups" {
		return fmt.Errorf("the name \"groups\" is reserved by dynamic_reconfigure's client")
	}
	if p.Group == rootGroup {
		return fmt.Errorf("group %q is the root group: leave Group empty", rootGroup)
	}
	var err error
	if p.Default, err = coerce(p.Type, p.Default); err != nil {
		return fmt.Errorf("default: %v", err)
	}
	switch p.Type {
	case Int:
		if p.Min, err = bound(p.Type, p.Min, math.MinInt32); err != nil {
			return fmt.Errorf("min: %v", err)
		}
		if p.Max, err = bound(p.Type, p.Max, math.MaxInt32); err != nil {
			return fmt.Errorf("max: %v", err)
		}
	case Double:
		if p.Min, err = bound(p.Type, p.Min, math.Inf(-1)); err != nil {
			return fmt.Errorf("min: %v", err)
		}
		if p.Max, err = bound(p.Type, p.Max, math.Inf(1)); err != nil {
			return fmt.Errorf("max: %v", err)
		}
	default:
		p.Min, p.Max = nil, nil
	}
	if minAboveMax(*p) {
		return fmt.Errorf("min %s is above max %s", formatValue(p.Min), formatValue(p.Max))
	}
	if reason := outOfRange(*p, p.Default); reason != "" {
		return fmt.Errorf("default %s", reason)
	}
	names := map[string]bool{}
	for j := range p.Enum {
		e := &p.Enum[j]
		if e.Name == "" || names[e.Name] {
			return fmt.Errorf("enum value %d: name empty or repeated", j)
		}
		names[e.Name] = true
		if e.Value, err = coerce(p.Type, e.Value); err != nil {
			return fmt.Errorf("enum %s: %v", e.Name, err)
		}
		if f, ok := e.Value.(float64); ok && math.IsInf(f, 0) {
			return fmt.Errorf("enum %s: infinite value", e.Name)
		}
	}
	if len(p.Enum) > 0 && !inEnum(*p, p.Default) {
		return fmt.Errorf("default %s is not one of the enum's values", formatValue(p.Default))
	}
	return nil
}

// minAboveMax reports an empty range.
func minAboveMax(p Param) bool {
	switch lo := p.Min.(type) {
	case int:
		return lo > p.Max.(int)
	case float64:
		return lo > p.Max.(float64)
	}
	return false
}

// bound coerces a Min or Max, nil meaning dflt.
func bound(t Type, v any, dflt any) (any, error) {
	if v == nil {
		return dflt, nil
	}
	return coerce(t, v)
}

// outOfRange returns why v (already coerced) is outside p's bounds, or "".
func outOfRange(p Param, v any) string {
	switch x := v.(type) {
	case int:
		lo, hi := p.Min.(int), p.Max.(int)
		if x < lo || x > hi {
			return fmt.Sprintf("%d is out of range [%d, %d]", x, lo, hi)
		}
	case float64:
		lo, hi := p.Min.(float64), p.Max.(float64)
		if x < lo || x > hi {
			return fmt.Sprintf("%s is out of range [%s, %s]", formatValue(x), formatValue(lo), formatValue(hi))
		}
	}
	return ""
}

// inEnum reports whether v is one of p's enum values (true when p has no enum).
func inEnum(p Param, v any) bool {
	if len(p.Enum) == 0 {
		return true
	}
	for _, e := range p.Enum {
		if e.Value == v {
			return true
		}
	}
	return false
}

// groupID returns the dynamic_reconfigure id of p's group (0 = root).
func (t *table) groupID(p Param) int32 {
	for i, g := range t.groups {
		if g == p.Group {
			return int32(i + 1)
		}
	}
	return 0
}

// defaults returns every parameter's default value.
func (t *table) defaults() map[string]any {
	m := make(map[string]any, len(t.params))
	for _, p := range t.params {
		m[p.Name] = p.Default
	}
	return m
}
