package reconfigure

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/depthnode/depthnode/internal/rostest"
)

func TestEditMethodEmptyWithoutEnum(t *testing.T) {
	if s := editMethod(Param{Name: "a", Type: Int}); s != "" {
		t.Fatalf("edit_method %q, want empty", s)
	}
}

// TestEditMethodReadsBackInPython checks the literal with Python itself, the
// way dynamic_reconfigure's client (eval) and a careful reader (ast.literal_eval) parse it.
func TestEditMethodReadsBackInPython(t *testing.T) {
	for _, c := range []struct {
		name string
		p    Param
	}{
		{"str", Param{Name: "s", Type: Str, Default: "a", Enum: []EnumValue{
			{"a", "a", "plain"}, {"quote", `it's "q" \ back`, "quotes\nand ünïcode ✓ 𝄞"}}, EnumDescription: "str's enum"}},
		{"int", Param{Name: "i", Type: Int, Default: 0, Enum: []EnumValue{{"Small", 0, "s"}, {"Big", -7, "b"}}}},
		{"double", Param{Name: "d", Type: Double, Default: 1.0, Enum: []EnumValue{{"one", 1, ""}, {"tiny", 1e-300, ""}, {"half", 0.5, ""}}}},
		{"bool", Param{Name: "b", Type: Bool, Default: true, Enum: []EnumValue{{"on", true, ""}, {"off", false, ""}}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb, err := newTable([]Param{c.p})
			if err != nil {
				t.Fatal(err)
			}
			p := tb.params[0]
			lit := editMethod(p)
			const script = `
import ast, json, sys
s = sys.argv[1]
a, e = ast.literal_eval(s), eval(s)
assert a == e
keys = [list(x.keys()) for x in a['enum']]
print(json.dumps({'enum': [[x['name'], x['type'], x['value'], type(x['value']).__name__, x['description'], x['ctype'], x['cconsttype']] for x in a['enum']],
                  'enum_description': a['enum_description'], 'keys': keys}))
`
			out, err := rostest.Python("-c", script, lit).CombinedOutput()
			if err != nil {
				t.Fatalf("python on %s: %v\n%s", lit, err, out)
			}
			var got struct {
				Enum            [][]any    `json:"enum"`
				EnumDescription string     `json:"enum_description"`
				Keys            [][]string `json:"keys"`
			}
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("%q: %v", out, err)
			}
			pyType := map[Type]string{Str: "str", Int: "int", Double: "float", Bool: "bool"}[p.Type]
			ct := cTypes[p.Type]
			for i, e := range p.Enum {
				want := []any{e.Name, string(p.Type), jsonValue(e.Value), pyType, e.Description, ct[0], ct[1]}
				if !reflect.DeepEqual(got.Enum[i], want) {
					t.Errorf("constant %d: Python read %v, want %v", i, got.Enum[i], want)
				}
				wantKeys := []string{"name", "type", "value", "srcline", "srcfile", "description", "ctype", "cconsttype"}
				if !reflect.DeepEqual(got.Keys[i], wantKeys) {
					t.Errorf("constant %d keys %v, want parameter_generator's %v", i, got.Keys[i], wantKeys)
				}
			}
			if got.EnumDescription != p.EnumDescription {
				t.Errorf("enum_description %q, want %q", got.EnumDescription, p.EnumDescription)
			}
		})
	}
}

// jsonValue is v as encoding/json decodes it into an any.
func jsonValue(v any) any {
	if i, ok := v.(int); ok {
		return float64(i)
	}
	return v
}
