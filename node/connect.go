package node

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/bluenviron/goroslib/v2"
)

// connect creates the goroslib node, retrying while the master is unreachable.
func (n *Node) connect(ctx context.Context, retry time.Duration) (*goroslib.Node, error) {
	if retry <= 0 {
		retry = 3 * time.Second
	}
	ns := n.conn.names.namespace
	// goroslib reads ROS_NAMESPACE itself and lets it win over the
	// configured namespace; ROS gives __ns:= precedence and accepts
	// relative or slash-terminated values, so hand it the resolved one.
	if env := os.Getenv("ROS_NAMESPACE"); env != "" && env != ns {
		if err := os.Setenv("ROS_NAMESPACE", ns); err != nil {
			return nil, fmt.Errorf("ROS_NAMESPACE: %w", err)
		}
	}
	conf := goroslib.NodeConf{
		MasterAddress: n.conn.masterAddr,
		Namespace:     ns,
		Name:          n.conn.names.node,
		Host:          n.conn.host,
	}
	for attempt := 1; ; attempt++ {
		ros, err := goroslib.NewNode(conf)
		if err == nil {
			if attempt > 1 {
				n.log.Printf("connected to the ROS master at %s", n.conn.masterURI)
			}
			return ros, nil
		}
		n.log.Printf("cannot reach the ROS master at %s (%v); retrying in %v (attempt %d, Ctrl-C to stop)",
			n.conn.masterURI, err, retry, attempt)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(retry):
		}
	}
}
