package main

import (
	"fmt"

	"github.com/bluenviron/goroslib/v2"
)

// loadServerParams reads the private parameters set on the parameter server.
func loadServerParams(ros *goroslib.Node, names *rosNames, o *options) error {
	values := map[string]any{}
	for _, p := range privateParams(o) {
		key := names.private(p.name)
		set, err := ros.ParamIsSet(key)
		if err != nil {
			return fmt.Errorf("parameter %s: %w", key, err)
		}
		if !set {
			continue
		}
		// The server keeps XML-RPC types; try them in turn.
		if i, err := ros.ParamGetInt(key); err == nil {
			values[p.name] = i
		} else if f, err := ros.ParamGetFloat64(key); err == nil {
			values[p.name] = f
		} else if b, err := ros.ParamGetBool(key); err == nil {
			values[p.name] = b
		} else if s, err := ros.ParamGetString(key); err == nil {
			values[p.name] = s
		} else {
			return fmt.Errorf("parameter %s: %w", key, err)
		}
	}
	return applyParams(o, values)
}
