package reconfigure

// Type is a parameter's dynamic_reconfigure type, as ParamDescription.type spells it.
type Type string

// The four dynamic_reconfigure types; Go values are bool, int, float64 and string.
const (
	Bool   Type = "bool"
	Int    Type = "int"
	Double Type = "double"
	Str    Type = "str"
)
