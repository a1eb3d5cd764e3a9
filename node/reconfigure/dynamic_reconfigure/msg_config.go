//nolint:revive
package dynamic_reconfigure

import (
	"github.com/bluenviron/goroslib/v2/pkg/msg"
)

// BoolParameter is dynamic_reconfigure/BoolParameter.
type BoolParameter struct {
	msg.Package `ros:"dynamic_reconfigure"`
	Name        string
	Value       bool
}

// IntParameter is dynamic_reconfigure/IntParameter.
type IntParameter struct {
	msg.Package `ros:"dynamic_reconfigure"`
	Name        string
	Value       int32
}

// StrParameter is dynamic_reconfigure/StrParameter.
type StrParameter struct {
	msg.Package `ros:"dynamic_reconfigure"`
	Name        string
	Value       string
}

// DoubleParameter is dynamic_reconfigure/DoubleParameter.
type DoubleParameter struct {
	msg.Package `ros:"dynamic_reconfigure"`
	Name        string
	Value       float64
}

// GroupState is dynamic_reconfigure/GroupState: whether a group is enabled.
type GroupState struct {
	msg.Package `ros:"dynamic_reconfigure"`
	Name        string
	State       bool
	Id          int32 //nolint:revive
	Parent      int32
}

// Config is dynamic_reconfigure/Config: a set of parameter values, by type.
type Config struct {
	msg.Package `ros:"dynamic_reconfigure"`
	Bools       []BoolParameter
	Ints        []IntParameter
	Strs        []StrParameter
	Doubles     []DoubleParameter
	Groups      []GroupState
}
