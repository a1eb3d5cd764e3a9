package node

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/apiparam"
	"github.com/bluenviron/goroslib/v2/pkg/xmlrpc"
)

// paramServer reads parameters with their XML-RPC types intact; goroslib's
// typed getters fail on an int where a float is expected, which rosparam
// users write all the time (_align_smoothing:=1 vs 1.0).
type paramServer struct {
	xc       *xmlrpc.Client
	callerID string
}

func newParamServer(masterAddr, callerID string) *paramServer {
	return &paramServer{
		xc:       xmlrpc.NewClient(masterAddr, &http.Client{Timeout: 10 * time.Second}),
		callerID: callerID,
	}
}

type getParamResponse struct {
	Code          int
	StatusMessage string
	Res           any
}

// get returns the value of key and whether it is set.
func (p *paramServer) get(key string) (any, bool, error) {
	var res getParamResponse
	if err := p.xc.Do("getParam", apiparam.RequestGetParam{CallerID: p.callerID, Key: key}, &res); err != nil {
		return nil, false, fmt.Errorf("parameter %s: %w", key, err)
	}
	if res.Code != 1 {
		return nil, false, nil // not set
	}
	return res.Res, true, nil
}

// loadParams reads ~name for every known parameter from the server, then
// applies the command line's _name:=value on top, and validates the result.
func loadParams(ps *paramServer, nm *names, args Args) (Params, error) {
	p := DefaultParams()
	if ps != nil {
		for _, d := range paramDefs {
			v, ok, err := ps.get(nm.plain("~" + d.name))
			if err != nil {
				return p, err
			}
			if ok {
				if err := p.Set(d.name, v, ""); err != nil {
					return p, fmt.Errorf("%w (from the parameter server)", err)
				}
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(args.Params)) {
		v := args.Params[name]
		if err := p.Set(name, v, args.ParamText[name]); err != nil {
			return p, fmt.Errorf("%w (from _%s:=)", err, name)
		}
	}
	return p, p.Validate()
}
