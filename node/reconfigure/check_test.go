package reconfigure

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	tb, err := newTable(testParams())
	if err != nil {
		t.Fatal(err)
	}
	cur := tb.defaults()
	for _, c := range []struct {
		name    string
		req     map[string]any
		want    map[string]any
		refused []string // parts of the refusal, all required
	}{
		{"several", map[string]any{"jpeg_quality": 90, "smoothing": 0.5, "stretch": false, "token": "x"},
			map[string]any{"jpeg_quality": 90, "smoothing": 0.5, "stretch": false, "token": "x"}, nil},
		{"unchanged dropped", map[string]any{"jpeg_quality": 80, "device": "auto", "width": 320},
			map[string]any{"width": 320}, nil},
		{"int for a double", map[string]any{"smoothing": 0}, map[string]any{"smoothing": 0.0}, nil},
		{"enum value", map[string]any{"space": "disparity"}, map[string]any{"space": "disparity"}, nil},
		{"nothing", map[string]any{}, map[string]any{}, nil},
		{"out of range", map[string]any{"jpeg_quality": 500, "stretch": false}, nil,
			[]string{"jpeg_quality=500 is out of range [1, 100]"}},
		{"double out of range", map[string]any{"smoothing": 1.5}, nil, []string{"smoothing=1.5 is out of range [0, 0.99]"}},
		{"restart-only", map[string]any{"device": "cpu"}, nil, []string{`device="cpu": restart-only`}},
		{"unknown", map[string]any{"nope": 1, "jpeg_quality": 90}, nil, []string{"nope: unknown parameter"}},
		{"wrong type", map[string]any{"stretch": 1}, nil, []string{"stretch: want a bool"}},
		{"not in enum", map[string]any{"space": "log"}, nil, []string{`space="log": not one of depth ("depth"), disparity ("disparity")`}},
		{"every reason", map[string]any{"nope": 1, "width": 1}, nil, []string{"nope: unknown", "width=1 is out of range"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := tb.check(cur, c.req)
			if c.refused == nil {
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, c.want) {
					t.Fatalf("changes %v, want %v", got, c.want)
				}
				return
			}
			if !errors.Is(err, ErrRefused) {
				t.Fatalf("error %v, want ErrRefused", err)
			}
			for _, part := range c.refused {
				if !strings.Contains(err.Error(), part) {
					t.Errorf("refusal %q lacks %q", err, part)
				}
			}
		})
	}
}

func TestMerge(t *testing.T) {
	tb, err := newTable(testParams())
	if err != nil {
		t.Fatal(err)
	}
	old := tb.defaults()
	changes := map[string]any{"jpeg_quality": 90, "width": 333}
	// Apply rounds width to a multiple of 16, answers jpeg_quality wrongly typed and omits the rest.
	applied := map[string]any{"width": 336, "jpeg_quality": "90"}
	got, bad := tb.merge(old, changes, applied)
	if got["width"] != 336 || got["jpeg_quality"] != 90 || got["device"] != "auto" || len(got) != len(tb.params) {
		t.Errorf("merged %v", got)
	}
	if len(bad) != 1 || !strings.Contains(bad[0], "jpeg_quality") {
		t.Errorf("bad %v, want one naming jpeg_quality", bad)
	}
}
