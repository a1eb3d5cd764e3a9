package paramtable

import (
	"errors"
	"strings"
	"testing"
)

type settings struct {
	Rate    float64
	Count   int
	Seed    int64
	Mode    string
	On      bool
	Flagged int
}

var table = Table[settings]{
	Float("rate", 10, func(s *settings) *float64 { return &s.Rate }).Above(0).Doc("publishing rate"),
	Int("count", 3, func(s *settings) *int { return &s.Count }).In(1, 5).Live().Group("G"),
	Int64("seed", 7, func(s *settings) *int64 { return &s.Seed }),
	String("mode", "a", func(s *settings) *string { return &s.Mode }).OneOf("a", "b"),
	Bool("on", true, func(s *settings) *bool { return &s.On }),
	Int("flagged", 0, func(s *settings) *int { return &s.Flagged }).NoDefault(),
}

func TestTable(t *testing.T) {
	for _, c := range []struct {
		name    string
		values  map[string]any
		texts   map[string]string
		want    func(settings) bool
		wantErr string // the parameter named; "" = valid
	}{
		{name: "defaults", want: func(s settings) bool {
			return s.Rate == 10 && s.Count == 3 && s.Seed == 7 && s.Mode == "a" && s.On && s.Flagged == 42
		}},
		{name: "int for a float", values: map[string]any{"rate": 2}, want: func(s settings) bool { return s.Rate == 2 }},
		{name: "int64", values: map[string]any{"seed": 99}, want: func(s settings) bool { return s.Seed == 99 }},
		{name: "list for a string", values: map[string]any{"mode": []any{"b"}}, want: func(s settings) bool { return s.Mode == "b" }},
		{name: "list of numbers for a string", values: map[string]any{"mode": []any{1}}, wantErr: "~mode"},
		{name: "text for a string", values: map[string]any{"mode": 1}, texts: map[string]string{"mode": "b"}, want: func(s settings) bool { return s.Mode == "b" }},
		{name: "float for an int", values: map[string]any{"count": 2.5}, wantErr: "~count"},
		{name: "string for a bool", values: map[string]any{"on": "yes"}, wantErr: "~on"},
		{name: "int for a string from the server", values: map[string]any{"mode": 3}, wantErr: "~mode"},
		{name: "unknown", values: map[string]any{"rat": 1.0}, wantErr: "~rat"},
		{name: "below the range", values: map[string]any{"count": 0}, wantErr: "~count: must be in [1,5]"},
		{name: "open bound", values: map[string]any{"rate": 0}, wantErr: "~rate: must be > 0"},
		{name: "not a choice", values: map[string]any{"mode": "c"}, wantErr: "~mode: must be one of"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := settings{Flagged: 42}
			table.Defaults(&s)
			err := table.SetAll(&s, c.values, c.texts, "from _%s:=")
			if err == nil {
				err = table.Validate(s)
			}
			if c.wantErr != "" {
				if !errors.Is(err, ErrBadParam) || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("err = %v, want ErrBadParam with %q", err, c.wantErr)
				}
				return
			}
			if err != nil || !c.want(s) {
				t.Fatalf("err %v, settings %+v", err, s)
			}
		})
	}
}

func TestLoadAndUsage(t *testing.T) {
	var s settings
	server := map[string]any{"count": 4, "mode": "b"}
	err := table.Load(&s, func(name string) (any, bool, error) { v, ok := server[name]; return v, ok, nil })
	if err != nil || s.Count != 4 || s.Mode != "b" {
		t.Fatalf("load: %v, %+v", err, s)
	}
	server["count"] = "four"
	if err := table.Load(&s, func(name string) (any, bool, error) { v, ok := server[name]; return v, ok, nil }); err == nil ||
		!strings.Contains(err.Error(), "~count") || !strings.Contains(err.Error(), "parameter server") {
		t.Fatalf("bad server value: %v", err)
	}
	var b strings.Builder
	table.Usage(&b)
	for _, want := range []string{"  ~rate    [10] publishing rate\n", "  ~flagged \n", "~mode    [a]"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("usage lacks %q:\n%s", want, b.String())
		}
	}
	p, _ := table.Find("count")
	if min, _, max, _ := p.Range(); !p.IsLive() || p.GroupName() != "G" || min != 1 || max != 5 || p.Kind() != KindInt {
		t.Fatalf("count's declaration reads back wrong")
	}
}
