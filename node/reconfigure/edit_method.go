package reconfigure

import (
	"math"
	"strconv"
	"strings"
)

// cTypes are parameter_generator's C++ spellings of each type, which it puts
// in every enum constant: (ctype, cconsttype).
var cTypes = map[Type][2]string{
	Bool:   {"bool", "const bool"},
	Int:    {"int", "const int"},
	Double: {"double", "const double"},
	Str:    {"std::string", "const char * const"},
}

// editMethod returns ParamDescription.edit_method for p: "" without an enum,
// else the Python dict literal parameter_generator's enum() writes (its repr),
// which dynamic_reconfigure's client and rqt_reconfigure read back with eval.
func editMethod(p Param) string {
	if len(p.Enum) == 0 {
		return ""
	}
	ct := cTypes[p.Type]
	var b strings.Builder
	b.WriteString("{'enum': [")
	for i, e := range p.Enum {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("{'name': " + pyString(e.Name) +
			", 'type': " + pyString(string(p.Type)) +
			", 'value': " + pyValue(e.Value) +
			", 'srcline': 0, 'srcfile': " + pyString("reconfigure") +
			", 'description': " + pyString(e.Description) +
			", 'ctype': " + pyString(ct[0]) +
			", 'cconsttype': " + pyString(ct[1]) + "}")
	}
	b.WriteString("], 'enum_description': " + pyString(p.EnumDescription) + "}")
	return b.String()
}

// pyValue writes a bool, int, float64 or string as a Python literal.
func pyValue(v any) string {
	switch x := v.(type) {
	case bool:
		if x {
			return "True"
		}
		return "False"
	case int:
		return strconv.Itoa(x)
	case float64:
		// Python needs a '.' or an exponent to read a float back as a float.
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eE") && !math.IsInf(x, 0) && !math.IsNaN(x) {
			s += ".0"
		}
		return s
	case string:
		return pyString(x)
	}
	return "None"
}

// pyString writes s as a single-quoted Python 3 string literal; anything
// but printable ASCII is escaped, so the literal survives any decoding.
func pyString(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		switch {
		case r == '\\' || r == '\'':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		case r < 0x100:
			b.WriteString(`\x` + pad(strconv.FormatInt(int64(r), 16), 2))
		case r < 0x10000:
			b.WriteString(`\u` + pad(strconv.FormatInt(int64(r), 16), 4))
		default:
			b.WriteString(`\U` + pad(strconv.FormatInt(int64(r), 16), 8))
		}
	}
	b.WriteByte('\'')
	return b.String()
}

func pad(s string, n int) string {
	return strings.Repeat("0", n-len(s)) + s
}
