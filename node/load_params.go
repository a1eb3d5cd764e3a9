package node

import (
	"fmt"
	"maps"
	"slices"

	"github.com/depthnode/depthnode/internal/rosargs"
	"github.com/depthnode/depthnode/internal/rosnode"
)

// loadParams reads ~name for every known parameter from the server, then
// applies the command line's _name:=value on top, and validates the result.
func loadParams(ps *rosnode.ParamServer, nm *rosargs.Names, args Args) (Params, error) {
	p := DefaultParams()
	if ps != nil {
		for _, d := range paramDefs {
			v, ok, err := ps.Get(nm.Plain("~" + d.name))
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
