package rosnode

import (
	"fmt"
	"net/http"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/apiparam"
	"github.com/bluenviron/goroslib/v2/pkg/xmlrpc"
)

// ParamServer reads parameters with their XML-RPC types intact (int,
// float64, bool, string); goroslib's typed getters fail on an int where a
// float is expected, which rosparam users write all the time
// (_align_smoothing:=1 vs 1.0).
type ParamServer struct {
	xc       *xmlrpc.Client
	callerID string
}

// NewParamServer talks to the master at masterAddr (host:port) as callerID.
func NewParamServer(masterAddr, callerID string) *ParamServer {
	return &ParamServer{
		xc:       xmlrpc.NewClient(masterAddr, &http.Client{Timeout: 10 * time.Second}),
		callerID: callerID,
	}
}

type getParamResponse struct {
	Code          int
	StatusMessage string
	Res           any
}

// Get returns the value of key and whether it is set.
func (p *ParamServer) Get(key string) (any, bool, error) {
	var res getParamResponse
	if err := p.xc.Do("getParam", apiparam.RequestGetParam{CallerID: p.callerID, Key: key}, &res); err != nil {
		return nil, false, fmt.Errorf("parameter %s: %w", key, err)
	}
	if res.Code != 1 {
		return nil, false, nil // not set
	}
	return res.Res, true, nil
}
