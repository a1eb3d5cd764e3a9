//nolint:revive
package dynamic_reconfigure

import (
	"github.com/bluenviron/goroslib/v2/pkg/msg"
)

// ParamDescription is dynamic_reconfigure/ParamDescription.
type ParamDescription struct {
	msg.Package `ros:"dynamic_reconfigure"`
	Name        string
	Type        string
	Level       uint32
	Description string
	EditMethod  string
}

// Group is dynamic_reconfigure/Group: a named group of parameters in a tree.
type Group struct {
	msg.Package `ros:"dynamic_reconfigure"`
	Name        string
	Type        string
	Parameters  []ParamDescription
	Parent      int32
	Id          int32 //nolint:revive
}

// ConfigDescription is dynamic_reconfigure/ConfigDescription: the groups and
// the bounds and defaults of every parameter.
type ConfigDescription struct {
	msg.Package `ros:"dynamic_reconfigure"`
	Groups      []Group
	Max         Config
	Min         Config
	Dflt        Config
}
