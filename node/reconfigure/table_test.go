package reconfigure

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestNewTableRefusesBadDescriptions(t *testing.T) {
	for _, c := range []struct {
		name string
		p    Param
		want string
	}{
		{"empty name", Param{Type: Int, Default: 1}, "name must be"},
		{"slash", Param{Name: "a/b", Type: Int, Default: 1}, "name must be"},
		{"reserved", Param{Name: "groups", Type: Int, Default: 1}, "reserved"},
		{"root group named", Param{Name: "a", Type: Int, Default: 1, Group: "Default"}, "root group"},
		{"unknown type", Param{Name: "a", Type: "float", Default: 1.0}, "unknown type"},
		{"default type", Param{Name: "a", Type: Int, Default: "x"}, "default: want an integer"},
		{"int32", Param{Name: "a", Type: Int, Default: int64(1) << 40}, "int32"},
		{"nan", Param{Name: "a", Type: Double, Default: math.NaN()}, "NaN"},
		{"min above max", Param{Name: "a", Type: Int, Default: 1, Min: 5, Max: 2}, "above max"},
		{"default out of range", Param{Name: "a", Type: Double, Default: 2.0, Max: 1.0}, "out of range"},
		{"enum type", Param{Name: "a", Type: Int, Default: 1, Enum: []EnumValue{{"one", "1", ""}}}, "enum one"},
		{"enum name twice", Param{Name: "a", Type: Int, Default: 1, Enum: []EnumValue{{"one", 1, ""}, {"one", 2, ""}}}, "repeated"},
		{"default not in enum", Param{Name: "a", Type: Int, Default: 3, Enum: []EnumValue{{"one", 1, ""}}}, "not one of"},
		{"infinite enum", Param{Name: "a", Type: Double, Default: 1.0, Enum: []EnumValue{{"one", 1.0, ""}, {"inf", math.Inf(1), ""}}}, "infinite"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := newTable([]Param{c.p})
			if !errors.Is(err, ErrBadParams) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want ErrBadParams containing %q", err, c.want)
			}
		})
	}
	t.Run("twice", func(t *testing.T) {
		p := Param{Name: "a", Type: Bool, Default: false}
		if _, err := newTable([]Param{p, p}); !errors.Is(err, ErrBadParams) {
			t.Fatalf("error %v, want ErrBadParams", err)
		}
	})
	t.Run("none", func(t *testing.T) {
		if _, err := newTable(nil); !errors.Is(err, ErrBadParams) {
			t.Fatalf("error %v, want ErrBadParams", err)
		}
	})
}

func TestNewTableNormalises(t *testing.T) {
	tb, err := newTable([]Param{
		{Name: "d", Type: Double, Default: 2, Min: 0},
		{Name: "i", Type: Int, Default: int32(3)},
	})
	if err != nil {
		t.Fatal(err)
	}
	d, i := tb.params[0], tb.params[1]
	if d.Default != 2.0 || d.Min != 0.0 || d.Max != math.Inf(1) {
		t.Errorf("double: default %v min %v max %v", d.Default, d.Min, d.Max)
	}
	if i.Default != 3 || i.Min != math.MinInt32 || i.Max != math.MaxInt32 {
		t.Errorf("int: default %v min %v max %v", i.Default, i.Min, i.Max)
	}
}
