package rosnode

import (
	"context"
	"net/http"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/apimaster"
	"github.com/bluenviron/goroslib/v2/pkg/apiparam"
	"github.com/bluenviron/goroslib/v2/pkg/xmlrpc"
)

// DefaultWatchInterval is how often Watch asks the master about this node.
const DefaultWatchInterval = 2 * time.Second

// Watch polls the master at masterAddr (host:port) every interval (<= 0
// means DefaultWatchInterval) until ctx ends, and calls onRestart, on
// Watch's goroutine, once per master restart: when /run_id changes or the
// master stops knowing nodeName (the fully qualified name) after having
// known it. goroslib registers a node's topics only when they are created
// and never again, so a restarted master would leave the node unreachable;
// onRestart is where the caller builds its goroslib node, publishers and
// subscribers anew. Watch returns ctx's error.
func Watch(ctx context.Context, masterAddr, nodeName string, interval time.Duration, onRestart func()) error {
	if interval <= 0 {
		interval = DefaultWatchInterval
	}
	// A poll must end before the next one is due, or a master that
	// accepts connections but hangs would stack requests up.
	xc := xmlrpc.NewClient(masterAddr, &http.Client{Timeout: interval})
	var d restartDetector
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		if d.observe(pollMaster(xc, nodeName)) {
			onRestart()
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// masterPoll is what one round of questions to the master found.
type masterPoll struct {
	reachable bool   // the master answered both calls
	runID     string // its /run_id, "" when unset (a bare rosmaster sets none)
	known     bool   // lookupNode found the node
}

func pollMaster(xc *xmlrpc.Client, nodeName string) masterPoll {
	var run apiparam.ResponseGetParamString
	if err := xc.Do("getParam", apiparam.RequestGetParam{CallerID: nodeName, Key: "/run_id"}, &run); err != nil {
		return masterPoll{}
	}
	var look apimaster.ResponseLookup
	if err := xc.Do("lookupNode", apimaster.RequestLookup{CallerID: nodeName, Name: nodeName}, &look); err != nil {
		return masterPoll{}
	}
	p := masterPoll{reachable: true, known: look.Code == 1}
	if run.Code == 1 {
		p.runID = run.Res
	}
	return p
}
