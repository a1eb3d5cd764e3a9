package node

import (
	"errors"
	"fmt"
	"maps"
	"net"
	"net/url"
	"os"
	"slices"
	"time"
)

// ErrBadMaster is wrapped when the master URI cannot be read.
var ErrBadMaster = errors.New("bad ROS master URI")

// DefaultName is the node's name without __name:=.
const DefaultName = "depthnode"

// Config is how the node is started: its command line, environment and logger.
type Config struct {
	// Args is the parsed ROS command line.
	Args Args
	// Getenv reads the environment (ROS_MASTER_URI, ROS_IP, ROS_HOSTNAME,
	// ROS_NAMESPACE); nil = os.Getenv.
	Getenv func(string) string
	// Log receives the node's lines; nil discards them.
	Log Logger
	// RetryInterval is the wait between attempts to reach the master (default 3s).
	RetryInterval time.Duration
	// Stages are extra output stages run after the built-in ones (tests, tools).
	Stages []StageFactory
}

// connection is what the node needs to join the ROS graph, resolved from
// the command line and the environment with ROS's precedence.
type connection struct {
	masterURI  string // as the user gave it, for log lines
	masterAddr string // host:port for goroslib
	host       string // "" = goroslib's automatic choice
	names      *names
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
	p := DefaultParams()
	for _, name := range slices.Sorted(maps.Keys(c.Args.Params)) {
		if err := p.Set(name, c.Args.Params[name], c.Args.ParamText[name]); err != nil {
			return fmt.Errorf("%w (from _%s:=)", err, name)
		}
	}
	return nil
}

func (c Config) connection() (connection, error) {
	var conn connection
	uri := c.Args.Master
	key := "__master"
	if uri == "" {
		uri, key = c.getenv("ROS_MASTER_URI"), "ROS_MASTER_URI"
	}
	if uri == "" {
		uri = "http://localhost:11311/"
	}
	addr, err := masterAddress(uri)
	if err != nil {
		return conn, fmt.Errorf("%s: %w", key, err)
	}
	conn.masterURI, conn.masterAddr = uri, addr

	// ROS precedence: command line over environment, hostname over IP.
	for _, h := range []string{c.Args.Hostname, c.Args.IP, c.getenv("ROS_HOSTNAME"), c.getenv("ROS_IP")} {
		if h != "" {
			conn.host = h
			break
		}
	}

	ns := c.Args.Namespace
	if ns == "" {
		ns = c.getenv("ROS_NAMESPACE")
	}
	name := c.Args.Name
	if name == "" {
		name = DefaultName
	}
	conn.names, err = newNames(ns, name, c.Args.Remaps)
	if err != nil {
		return conn, err
	}
	return conn, nil
}

// masterAddress turns ROS_MASTER_URI (http://host:port/, trailing slash
// optional) into the host:port goroslib dials.
func masterAddress(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return "", fmt.Errorf("%w %q: want http://HOST:PORT/", ErrBadMaster, uri)
	}
	if u.Scheme != "http" {
		return "", fmt.Errorf("%w %q: only http:// masters exist in ROS 1", ErrBadMaster, uri)
	}
	host, port := u.Hostname(), u.Port()
	if port == "" {
		port = "11311"
	}
	return net.JoinHostPort(host, port), nil
}
