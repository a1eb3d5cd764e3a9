package stage

import (
	"strings"
	"testing"
)

func TestOrder(t *testing.T) {
	d := func(name string, after ...string) Declared { return Declared{Name: name, After: after} }
	for _, c := range []struct {
		name string
		in   []Declared
		want string // names in order, or "error: ..." substring
	}{
		{"declaration order kept", []Declared{d("a"), d("b"), d("c")}, "a b c"},
		{"preview after metric though listed first", []Declared{d("preview", "metric"), d("metric")}, "metric preview"},
		{"chain", []Declared{d("c", "b"), d("b", "a"), d("a"), d("x")}, "a b c x"},
		{"unknown", []Declared{d("a", "zz")}, "error: not declared"},
		{"cycle", []Declared{d("a", "b"), d("b", "a")}, "error: cycle"},
		{"twice", []Declared{d("a"), d("a")}, "error: declared twice"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, err := Order(c.in)
			if want, ok := strings.CutPrefix(c.want, "error: "); ok {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Fatalf("err = %v, want one saying %q", err, want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, o := range out {
				names = append(names, o.Name)
			}
			if got := strings.Join(names, " "); got != c.want {
				t.Fatalf("order %q, want %q", got, c.want)
			}
		})
	}
}
