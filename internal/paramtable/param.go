package paramtable

import (
	"fmt"
	"math"
	"slices"
	"strconv"
)

// Param is one declared parameter of the settings struct S. It is built with Bool, Int,
// Float or String and refined with the chained methods below.
type Param[S any] struct {
	name    string
	kind    Kind
	def     any // bool, int, float64 or string
	hasDef  bool
	doc     string
	group   string
	live    bool
	secret  bool
	shown   string // -h's default text where the typed default does not say it
	min     *float64
	max     *float64
	openMin bool // min itself is refused
	openMax bool // max itself is refused
	choices []string
	check   func(v any) error
	field   func(*S) any // *bool, *int, *float64 or *string
}

// Bool declares a true/false parameter.
func Bool[S any](name string, def bool, field func(*S) *bool) *Param[S] {
	return &Param[S]{name: name, kind: KindBool, def: def, hasDef: true, field: func(s *S) any { return field(s) }}
}

// Int declares an integer parameter.
func Int[S any](name string, def int, field func(*S) *int) *Param[S] {
	return &Param[S]{name: name, kind: KindInt, def: def, hasDef: true, field: func(s *S) any { return field(s) }}
}

// Int64 declares an integer parameter kept in an int64 field (a random seed, say).
func Int64[S any](name string, def int64, field func(*S) *int64) *Param[S] {
	return &Param[S]{name: name, kind: KindInt, def: int(def), hasDef: true, field: func(s *S) any { return field(s) }}
}

// Float declares a floating-point parameter; integers are accepted for it (_rate:=10).
func Float[S any](name string, def float64, field func(*S) *float64) *Param[S] {
	return &Param[S]{name: name, kind: KindFloat, def: def, hasDef: true, field: func(s *S) any { return field(s) }}
}

// String declares a text parameter.
func String[S any](name string, def string, field func(*S) *string) *Param[S] {
	return &Param[S]{name: name, kind: KindString, def: def, hasDef: true, field: func(s *S) any { return field(s) }}
}

// NoDefault leaves the field as the settings struct already has it (a flag's value, say):
// Defaults does not touch it.
func (p *Param[S]) NoDefault() *Param[S] { p.hasDef = false; return p }

// Doc sets the one-line description (-h, dynamic_reconfigure).
func (p *Param[S]) Doc(doc string) *Param[S] { p.doc = doc; return p }

// Group names the dynamic_reconfigure group the parameter is shown in.
func (p *Param[S]) Group(g string) *Param[S] { p.group = g; return p }

// Live marks a parameter that can change while the node runs.
func (p *Param[S]) Live() *Param[S] { p.live = true; return p }

// Secret marks a parameter that must stay off the ROS graph: it is neither written back to the
// parameter server nor shown by dynamic_reconfigure (a password or token).
func (p *Param[S]) Secret() *Param[S] { p.secret = true; return p }

// IsSecret says whether the parameter stays off the ROS graph.
func (p *Param[S]) IsSecret() bool { return p.secret }

// Shown sets how -h and README show the default when the typed default is a sentinel.
func (p *Param[S]) Shown(text string) *Param[S] { p.shown = text; return p }

// In bounds a number to [min, max].
func (p *Param[S]) In(min, max float64) *Param[S] { p.min, p.max = &min, &max; return p }

// AtLeast bounds a number from below only.
func (p *Param[S]) AtLeast(min float64) *Param[S] { p.min = &min; return p }

// Above bounds a number from below, min itself refused.
func (p *Param[S]) Above(min float64) *Param[S] { p.min, p.openMin = &min, true; return p }

// Below refuses max itself (after In).
func (p *Param[S]) Below() *Param[S] { p.openMax = true; return p }

// OneOf limits a string to a few choices (an enum in dynamic_reconfigure).
func (p *Param[S]) OneOf(choices ...string) *Param[S] { p.choices = choices; return p }

// Check adds a check of the value alone; its error is reported naming the parameter.
func (p *Param[S]) Check(f func(v any) error) *Param[S] { p.check = f; return p }

// Name is the parameter's name without the leading ~.
func (p *Param[S]) Name() string { return p.name }

// Kind is the parameter's value type.
func (p *Param[S]) Kind() Kind { return p.kind }

// Default is the typed default (nil for NoDefault).
func (p *Param[S]) Default() any {
	if !p.hasDef {
		return nil
	}
	return p.def
}

// Description is the one-line doc.
func (p *Param[S]) Description() string { return p.doc }

// GroupName is the dynamic_reconfigure group ("" = the default group).
func (p *Param[S]) GroupName() string { return p.group }

// IsLive says whether the parameter can change at run time.
func (p *Param[S]) IsLive() bool { return p.live }

// Range is the numeric bounds; ok is false when a side is unbounded.
func (p *Param[S]) Range() (min float64, minOK bool, max float64, maxOK bool) {
	if p.min != nil {
		min, minOK = *p.min, true
	}
	if p.max != nil {
		max, maxOK = *p.max, true
	}
	return
}

// Choices is the allowed strings, nil when any string goes.
func (p *Param[S]) Choices() []string { return p.choices }

// DefaultText is the default as -h prints it.
func (p *Param[S]) DefaultText() string {
	if p.shown != "" {
		return p.shown
	}
	switch d := p.def.(type) {
	case string:
		if d == "" {
			return `""`
		}
		return d
	case float64:
		return strconv.FormatFloat(d, 'g', -1, 64)
	}
	return fmt.Sprint(p.def)
}

// Get reads the parameter's current value from s.
func (p *Param[S]) Get(s *S) any {
	switch f := p.field(s).(type) {
	case *bool:
		return *f
	case *int:
		return *f
	case *int64:
		return int(*f)
	case *float64:
		return *f
	case *string:
		return *f
	}
	return nil
}

// validate checks one value against the declared range, choices and check.
func (p *Param[S]) validate(v any) error {
	if x, ok := number(v); ok {
		lo := p.min != nil && (x < *p.min || p.openMin && x == *p.min)
		hi := p.max != nil && (x > *p.max || p.openMax && x == *p.max)
		if lo || hi || math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("must be %s, got %v", p.rangeText(), v)
		}
	}
	if s, ok := v.(string); ok && p.choices != nil && !slices.Contains(p.choices, s) {
		return fmt.Errorf("must be one of %v, got %q", p.choices, s)
	}
	if p.check != nil {
		return p.check(v)
	}
	return nil
}

func (p *Param[S]) rangeText() string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	switch {
	case p.min != nil && p.max != nil:
		l, r := "[", "]"
		if p.openMin {
			l = "("
		}
		if p.openMax {
			r = ")"
		}
		return "in " + l + f(*p.min) + "," + f(*p.max) + r
	case p.min != nil && p.openMin:
		return "> " + f(*p.min)
	case p.min != nil:
		return ">= " + f(*p.min)
	case p.max != nil:
		return "<= " + f(*p.max)
	}
	return "a finite number"
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}
