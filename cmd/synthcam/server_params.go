package main

import (
	"github.com/depthnode/depthnode/internal/rosargs"
	"github.com/depthnode/depthnode/internal/rosnode"
)

// loadServerParams reads the private parameters set on the parameter server.
func loadServerParams(ps *rosnode.ParamServer, names *rosargs.Names, o *options) error {
	values := map[string]any{}
	for _, p := range privateParams(o) {
		v, ok, err := ps.Get(names.Plain("~" + p.name))
		if err != nil {
			return err
		}
		if ok {
			values[p.name] = v
		}
	}
	return applyParams(o, values)
}
