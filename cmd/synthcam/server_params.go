package main

import (
	"github.com/depthnode/depthnode/internal/rosargs"
	"github.com/depthnode/depthnode/internal/rosnode"
)

// loadServerParams reads the private parameters set on the parameter server.
func loadServerParams(ps *rosnode.ParamServer, names *rosargs.Names, o *options) error {
	if err := paramTable.Load(o, func(name string) (any, bool, error) { return ps.Get(names.Plain("~" + name)) }); err != nil {
		return err
	}
	return o.finish()
}
