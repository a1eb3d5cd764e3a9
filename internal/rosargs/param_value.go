package rosargs

import (
	"strconv"
	"strings"
)

// ParseValue types a _param:=value string the way rosparam does: an
// integer, a float, a bool (true/false in any case), a quoted string, else
// the text itself.
func ParseValue(s string) any {
	t := strings.TrimSpace(s)
	if len(t) >= 2 && (t[0] == '\'' || t[0] == '"') && t[len(t)-1] == t[0] {
		return t[1 : len(t)-1]
	}
	switch strings.ToLower(t) {
	case "true":
		return true
	case "false":
		return false
	}
	if i, err := strconv.ParseInt(t, 10, 32); err == nil {
		return int(i)
	}
	if looksNumeric(t) {
		if f, err := strconv.ParseFloat(t, 64); err == nil {
			return f
		}
	}
	return s
}

// looksNumeric keeps words that strconv would accept as floats ("inf",
// "nan", "infinity") as strings, as YAML does.
func looksNumeric(s string) bool {
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9', c == '.', c == '-', c == '+', c == 'e', c == 'E':
		default:
			return false
		}
	}
	return s != ""
}
