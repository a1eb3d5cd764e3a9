package reconfigure

// Param describes one reconfigurable parameter. Values are bool, int,
// float64 or string according to Type (an int is taken for a Double).
type Param struct {
	// Name is the private parameter's name, without "~".
	Name string
	// Type is bool, int, double or str.
	Type Type
	// Default is the value dynamic_reconfigure shows as the default.
	Default any
	// Min and Max bound Int and Double values (nil: the int32 range or
	// +-Inf); they are ignored for Bool and Str.
	Min, Max any
	// Description is the tooltip rqt_reconfigure shows.
	Description string
	// Group is the name of the group it is shown in; "" is the root group "Default".
	Group string
	// Enum, when not empty, lists the only values accepted, shown as a drop-down.
	Enum []EnumValue
	// EnumDescription describes the enum as a whole.
	EnumDescription string
	// Live says a change takes effect at once; a change to a parameter that
	// is not live is refused (it needs a restart), though its value is shown.
	Live bool
	// Level is the bit mask dynamic_reconfigure passes to C++ callbacks (informative here).
	Level uint32
}

// EnumValue is one named choice of an enum parameter.
type EnumValue struct {
	// Name is the constant's name, which dynparam and the Python client also accept as the value.
	Name string
	// Value has the parameter's type.
	Value any
	// Description is shown next to the choice.
	Description string
}
