//nolint:revive
package dynamic_reconfigure

import (
	"github.com/bluenviron/goroslib/v2/pkg/msg"
)

// ReconfigureReq is the request of dynamic_reconfigure/Reconfigure: the values to change.
type ReconfigureReq struct {
	msg.Package `ros:"dynamic_reconfigure"`
	Config      Config
}

// ReconfigureRes is the response of dynamic_reconfigure/Reconfigure: the whole configuration after the call.
type ReconfigureRes struct {
	msg.Package `ros:"dynamic_reconfigure"`
	Config      Config
}

// Reconfigure is the service dynamic_reconfigure/Reconfigure (Config config -> Config config).
type Reconfigure struct {
	msg.Package `ros:"dynamic_reconfigure"`
	ReconfigureReq
	ReconfigureRes
}
