package node

import (
	"github.com/depthnode/depthnode/internal/rosargs"
	"github.com/depthnode/depthnode/internal/rosnode"
	"github.com/depthnode/depthnode/node/params"
)

// loadParams reads ~name for every known parameter from the server, then
// applies the command line's _name:=value on top, and validates the result.
func loadParams(ps *rosnode.ParamServer, nm *rosargs.Names, args Args) (Params, error) {
	p := params.Defaults()
	if ps != nil {
		if err := params.Table.Load(&p, func(name string) (any, bool, error) { return ps.Get(nm.Plain("~" + name)) }); err != nil {
			return p, err
		}
	}
	if err := params.Table.SetAll(&p, args.Params, args.ParamText, "from _%s:="); err != nil {
		return p, err
	}
	return p, p.Validate()
}
