package paramtable

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// ErrBadParam is wrapped by every parameter error; the message names the parameter.
var ErrBadParam = errors.New("bad parameter")

// Table is a program's parameters, in the order -h lists them.
type Table[S any] []*Param[S]

// Find returns the parameter called name.
func (t Table[S]) Find(name string) (*Param[S], bool) {
	for _, p := range t {
		if p.name == name {
			return p, true
		}
	}
	return nil, false
}

// Defaults writes every declared default into s.
func (t Table[S]) Defaults(s *S) {
	for _, p := range t {
		if p.hasDef {
			assign(p.field(s), p.def)
		}
	}
}

// Set assigns one parameter from a rosparam-typed value (string, int, float64, bool): an int
// is accepted where a float is expected, and text (the command line's raw value, "" when the
// value came from the server) where a string is expected, so _token:=1234 means the text
// 1234. The value's range is checked by Validate, not here.
func (t Table[S]) Set(s *S, name string, v any, text string) error {
	p, ok := t.Find(name)
	if !ok {
		return fmt.Errorf("%w ~%s: unknown parameter (see -h)", ErrBadParam, name)
	}
	x, err := convert(p.kind, v, text)
	if err != nil {
		return fmt.Errorf("%w ~%s: %v", ErrBadParam, name, err)
	}
	assign(p.field(s), x)
	return nil
}

// SetAll applies values in name order (deterministic errors), with texts for strings.
func (t Table[S]) SetAll(s *S, values map[string]any, texts map[string]string, from string) error {
	for _, name := range slices.Sorted(maps.Keys(values)) {
		if err := t.Set(s, name, values[name], texts[name]); err != nil {
			return fmt.Errorf("%w (%s)", err, fmt.Sprintf(from, name))
		}
	}
	return nil
}

// Validate checks every parameter's value against its declaration and names the first bad one.
func (t Table[S]) Validate(s S) error {
	for _, p := range t {
		if err := p.validate(p.Get(&s)); err != nil {
			return fmt.Errorf("%w ~%s: %v", ErrBadParam, p.name, err)
		}
	}
	return nil
}

// Getter reads ~name from the parameter server: ok is false when it is not set.
type Getter func(name string) (v any, ok bool, err error)

// Load sets every parameter the server has.
func (t Table[S]) Load(s *S, get Getter) error {
	for _, p := range t {
		v, ok, err := get(p.name)
		if err != nil {
			return err
		}
		if ok {
			if err := t.Set(s, p.name, v, ""); err != nil {
				return fmt.Errorf("%w (from the parameter server)", err)
			}
		}
	}
	return nil
}

// Usage writes one -h line per parameter: ~name [default] doc.
func (t Table[S]) Usage(w io.Writer) {
	// Names are padded to the longest of their group, so one long name does not push every
	// other group's descriptions to the right.
	width := map[string]int{}
	for _, p := range t {
		width[p.group] = max(width[p.group], len(p.name))
	}
	for _, p := range t {
		def := ""
		if p.hasDef || p.shown != "" {
			def = "[" + p.DefaultText() + "] "
		}
		fmt.Fprintf(w, "  ~%-*s %s%s\n", width[p.group], p.name, def, p.doc)
	}
}

// convert types v as kind k wants it.
func convert(k Kind, v any, text string) (any, error) {
	switch k {
	case KindString:
		switch x := v.(type) {
		case string:
			return x, nil
		case []any:
			// A YAML list of names (rosparam set ~cameras "[front, rear]") reads as the
			// space-separated text a launch file's value= would give.
			words := make([]string, len(x))
			for i, w := range x {
				s, ok := w.(string)
				if !ok {
					return nil, fmt.Errorf("want a string or a list of strings, got %T %v in the list", w, w)
				}
				words[i] = s
			}
			return strings.Join(words, " "), nil
		case int, float64, bool:
			if text != "" {
				return text, nil
			}
			return nil, fmt.Errorf("want a string, got %T %v", v, v)
		}
		return nil, fmt.Errorf("want a string, got %T", v)
	case KindInt:
		if x, ok := v.(int); ok {
			return x, nil
		}
		return nil, fmt.Errorf("want an integer, got %T %v", v, v)
	case KindFloat:
		switch x := v.(type) {
		case float64:
			return x, nil
		case int:
			return float64(x), nil
		}
		return nil, fmt.Errorf("want a number, got %T %v", v, v)
	}
	if x, ok := v.(bool); ok {
		return x, nil
	}
	return nil, fmt.Errorf("want true or false, got %T %v", v, v)
}

func assign(field, v any) {
	switch f := field.(type) {
	case *bool:
		*f = v.(bool)
	case *int:
		*f = v.(int)
	case *int64:
		*f = int64(v.(int))
	case *float64:
		*f = v.(float64)
	case *string:
		*f = v.(string)
	}
}
