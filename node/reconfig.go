package node

import (
	"fmt"
	"strings"

	"github.com/depthnode/depthnode/internal/logging"
	"github.com/depthnode/depthnode/node/reconfigure"
)

// startReconfigure serves dynamic_reconfigure under the node's own name (~set_parameters,
// ~parameter_descriptions, ~parameter_updates) for every parameter of the table, starting
// from the values in force. The server itself writes accepted values to ~name.
func (n *Node) startReconfigure() error {
	log := logging.Component(n.log, "reconfigure")
	srv, err := reconfigure.New(reconfigure.ServerConf{
		Node:      n.ros,
		Namespace: n.conn.Names.FullNode(),
		Params:    reconfigParams(),
		Initial:   paramValues(n.live.Get()),
		Apply:     n.applyLive,
		Logf:      func(format string, args ...any) { log.Warn(fmt.Sprintf(format, args...)) },
	})
	if err != nil {
		return fmt.Errorf("dynamic_reconfigure: %w", err)
	}
	n.reconf = srv
	log.Info(fmt.Sprintf("dynamic_reconfigure on %s/set_parameters; live: %s (the others need a restart)",
		n.conn.Names.FullNode(), strings.Join(liveNames(), ", ")))
	return nil
}

// applyLive is the server's Apply: the parameters in force plus the changes, validated as a
// whole, become the parameters in force at once (every consumer reads them once per frame,
// so the next frame sees all of the change or none of it).
func (n *Node) applyLive(changes map[string]any) (map[string]any, error) {
	next, err := withChanges(n.live.Get(), changes)
	if err != nil {
		return nil, err
	}
	n.live.Set(next)
	n.log.Info(fmt.Sprintf("dynamic_reconfigure: now %s", formatChanges(changes)))
	return paramValues(next), nil
}
