package node

import (
	"log/slog"

	"os"
	"time"

	"github.com/depthnode/depthnode/node/params"

	"github.com/depthnode/depthnode/internal/rosargs"
)

// DefaultName is the node's name without __name:=.
const DefaultName = "depthnode"

// Config is how the node is started: its command line, environment and logger.
type Config struct {
	// Args is the parsed ROS command line.
	Args Args
	// Getenv reads the environment (ROS_MASTER_URI, ROS_IP, ROS_HOSTNAME,
	// ROS_NAMESPACE); nil = os.Getenv.
	Getenv func(string) string
	// Log receives the node's lines (the node also sends them to /rosout); nil discards them.
	Log *slog.Logger
	// RetryInterval is the wait between attempts to reach the master (default 3s).
	RetryInterval time.Duration
	// WatchInterval is how often the node asks the master whether it restarted (default 2s).
	WatchInterval time.Duration
	// Stages are extra output stages run after the built-in ones (tests, tools).
	Stages []StageFactory
}

func (c Config) getenv(k string) string {
	if c.Getenv == nil {
		return os.Getenv(k)
	}
	return c.Getenv(k)
}

// Validate checks the command line and environment, naming the bad key.
func (c Config) Validate() error {
	if _, err := c.connection(); err != nil {
		return err
	}
	// The command line's parameters are checked before the master is
	// reached, so a typo fails at once instead of after a retry loop.
	_, err := c.argParams()
	return err
}

// argParams are the defaults with the command line's _name:=value applied.
func (c Config) argParams() (Params, error) {
	p := params.Defaults()
	return p, params.Table.SetAll(&p, c.Args.Params, c.Args.ParamText, "from _%s:=")
}

func (c Config) connection() (rosargs.Connection, error) {
	return rosargs.NewConnection(c.Args, c.getenv, DefaultName)
}
