package reconfigure

import (
	"fmt"
	"math"
	"strconv"
)

// coerce returns v as the Go type of t (bool, int, float64, string), taking
// the other Go integer and float widths; a value of another kind is an error.
func coerce(t Type, v any) (any, error) {
	switch t {
	case Bool:
		if b, ok := v.(bool); ok {
			return b, nil
		}
	case Int:
		var i int64
		switch x := v.(type) {
		case int:
			i = int64(x)
		case int32:
			i = int64(x)
		case int64:
			i = x
		default:
			return nil, fmt.Errorf("want an integer, got %T %v", v, v)
		}
		// IntParameter carries an int32.
		if i < math.MinInt32 || i > math.MaxInt32 {
			return nil, fmt.Errorf("integer %d does not fit in int32", i)
		}
		return int(i), nil
	case Double:
		switch x := v.(type) {
		case float64:
			if math.IsNaN(x) {
				return nil, fmt.Errorf("NaN is not a value")
			}
			return x, nil
		case float32:
			return coerce(t, float64(x))
		case int:
			return float64(x), nil
		case int32:
			return float64(x), nil
		case int64:
			return float64(x), nil
		}
	case Str:
		if s, ok := v.(string); ok {
			return s, nil
		}
	default:
		return nil, fmt.Errorf("unknown type %q (bool, int, double or str)", t)
	}
	return nil, fmt.Errorf("want a %s, got %T %v", t, v, v)
}

// formatValue writes v for a log line: strings quoted, numbers as Go prints them.
func formatValue(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	default:
		return fmt.Sprint(v)
	}
}
