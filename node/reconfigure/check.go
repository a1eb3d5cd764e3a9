package reconfigure

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// ErrRefused is wrapped by every refusal: an unknown or restart-only
// parameter, a wrong type, a value out of range or not in the enum, or Apply's error.
var ErrRefused = errors.New("refused")

// check turns a requested change set into the values that would change:
// each is coerced to its parameter's type and values equal to current are
// dropped (clients resend unchanged ones). Any problem refuses the whole
// set, with every reason in one error, so nothing is ever half-applied.
func (t *table) check(current, req map[string]any) (map[string]any, error) {
	names := make([]string, 0, len(req))
	for n := range req {
		names = append(names, n)
	}
	sort.Strings(names)
	changes := map[string]any{}
	var reasons []string
	for _, n := range names {
		i, ok := t.byName[n]
		if !ok {
			reasons = append(reasons, fmt.Sprintf("%s: unknown parameter", n))
			continue
		}
		p := t.params[i]
		v, err := coerce(p.Type, req[n])
		if err != nil {
			reasons = append(reasons, fmt.Sprintf("%s: %v", n, err))
			continue
		}
		if v == current[n] {
			continue
		}
		switch {
		case !p.Live:
			reasons = append(reasons, fmt.Sprintf("%s=%s: restart-only (set ~%s and restart the node)", n, formatValue(v), n))
		case outOfRange(p, v) != "":
			reasons = append(reasons, fmt.Sprintf("%s=%s", n, outOfRange(p, v)))
		case !inEnum(p, v):
			reasons = append(reasons, fmt.Sprintf("%s=%s: not one of %s", n, formatValue(v), enumList(p)))
		default:
			changes[n] = v
		}
	}
	if len(reasons) > 0 {
		return nil, fmt.Errorf("%w: %s", ErrRefused, strings.Join(reasons, "; "))
	}
	return changes, nil
}

// enumList names an enum's choices for a refusal, as "a (1), b (2)".
func enumList(p Param) string {
	parts := make([]string, len(p.Enum))
	for i, e := range p.Enum {
		parts[i] = fmt.Sprintf("%s (%s)", e.Name, formatValue(e.Value))
	}
	return strings.Join(parts, ", ")
}

// merge returns the configuration after an accepted change: Apply's answer
// for the names it gives (coerced; a wrong type keeps the requested value
// and is reported), else the requested change, else the old value.
func (t *table) merge(old, changes, applied map[string]any) (map[string]any, []string) {
	out := make(map[string]any, len(t.params))
	var bad []string
	for _, p := range t.params {
		v := old[p.Name]
		if c, ok := changes[p.Name]; ok {
			v = c
		}
		if a, ok := applied[p.Name]; ok {
			if x, err := coerce(p.Type, a); err == nil {
				v = x
			} else {
				bad = append(bad, fmt.Sprintf("%s: %v", p.Name, err))
			}
		}
		out[p.Name] = v
	}
	return out, bad
}

// formatChanges writes a change set for a log line, in name order: "a=1, b=\"x\"".
func formatChanges(m map[string]any) string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = n + "=" + formatValue(m[n])
	}
	return strings.Join(parts, ", ")
}
