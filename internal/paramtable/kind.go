package paramtable

// Kind is a parameter's value type, as rosparam and dynamic_reconfigure type it.
type Kind int

// The four rosparam scalar types.
const (
	KindBool Kind = iota
	KindInt
	KindFloat
	KindString
)

// String names the kind as dynamic_reconfigure does (bool, int, double, str).
func (k Kind) String() string {
	switch k {
	case KindBool:
		return "bool"
	case KindInt:
		return "int"
	case KindFloat:
		return "double"
	}
	return "str"
}
