package rosnode

import (
	"log/slog"

	"context"
	"fmt"
	"os"
	"time"

	"github.com/depthnode/depthnode/internal/logging"

	"github.com/bluenviron/goroslib/v2"
	"github.com/depthnode/depthnode/internal/rosargs"
)

// DefaultRetryInterval is the wait between attempts to reach the master.
const DefaultRetryInterval = 3 * time.Second

// Connect creates the goroslib node, retrying every retry (<= 0 means
// DefaultRetryInterval) with a log line while the master is unreachable,
// until ctx ends. A non-nil onLog receives every line goroslib.Node.Log
// writes (goroslib's own and the caller's) instead of goroslib's console
// output; /rosout gets them either way.
func Connect(ctx context.Context, c rosargs.Connection, retry time.Duration, log *slog.Logger,
	onLog func(goroslib.LogLevel, string)) (*goroslib.Node, error) {
	log = logging.Or(log)
	if retry <= 0 {
		retry = DefaultRetryInterval
	}
	ns := c.Names.Namespace()
	// goroslib reads ROS_NAMESPACE itself and lets it win over the
	// configured namespace; ROS gives __ns:= precedence and accepts
	// relative or slash-terminated values, so hand it the resolved one.
	if env := os.Getenv("ROS_NAMESPACE"); env != "" && env != ns {
		if err := os.Setenv("ROS_NAMESPACE", ns); err != nil {
			return nil, fmt.Errorf("ROS_NAMESPACE: %w", err)
		}
	}
	conf := goroslib.NodeConf{
		MasterAddress: c.MasterAddr,
		Namespace:     ns,
		Name:          c.Names.Node(),
		Host:          c.Host,
	}
	if onLog != nil {
		conf.LogDestinations = goroslib.LogDestinationRosout | goroslib.LogDestinationCallback
		conf.OnLog = onLog
	}
	for attempt := 1; ; attempt++ {
		ros, err := goroslib.NewNode(conf)
		if err == nil {
			if attempt > 1 {
				log.Info(fmt.Sprintf("connected to the ROS master at %s", c.MasterURI))
			}
			return ros, nil
		}
		log.Warn(fmt.Sprintf("cannot reach the ROS master at %s (%v); retrying in %v (attempt %d, Ctrl-C to stop)",
			c.MasterURI, err, retry, attempt))
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(retry):
		}
	}
}
