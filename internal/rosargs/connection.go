package rosargs

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
)

// ErrBadMaster is wrapped when the master URI cannot be read.
var ErrBadMaster = errors.New("bad ROS master URI")

// DefaultMasterURI is the master without __master:= or ROS_MASTER_URI.
const DefaultMasterURI = "http://localhost:11311/"

// Connection is what a node needs to join the ROS graph, resolved from the
// command line and the environment with ROS's precedence.
type Connection struct {
	// MasterURI is the master as the user gave it, for log lines.
	MasterURI string
	// MasterAddr is the master's host:port, as goroslib dials it.
	MasterAddr string
	// Host is the address the node advertises ("" = goroslib's automatic choice).
	Host string
	// Names resolves the node's topic and parameter names.
	Names *Names
}

// NewConnection resolves a node's connection: __master:= over
// ROS_MASTER_URI, __hostname:= over __ip:= over ROS_HOSTNAME over ROS_IP,
// __ns:= over ROS_NAMESPACE, and __name:= over defaultName. getenv reads the
// environment; nil means os.Getenv.
func NewConnection(a Args, getenv func(string) string, defaultName string) (Connection, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	var c Connection
	uri, key := a.Master, "__master"
	if uri == "" {
		uri, key = getenv("ROS_MASTER_URI"), "ROS_MASTER_URI"
	}
	if uri == "" {
		uri = DefaultMasterURI
	}
	addr, err := MasterAddress(uri)
	if err != nil {
		return c, fmt.Errorf("%s: %w", key, err)
	}
	c.MasterURI, c.MasterAddr = uri, addr

	// ROS precedence: command line over environment, hostname over IP.
	c.Host = firstNonEmpty(a.Hostname, a.IP, getenv("ROS_HOSTNAME"), getenv("ROS_IP"))

	ns := firstNonEmpty(a.Namespace, getenv("ROS_NAMESPACE"))
	c.Names, err = NewNames(ns, firstNonEmpty(a.Name, defaultName), a.Remaps)
	if err != nil {
		return c, err
	}
	return c, nil
}

// MasterAddress turns ROS_MASTER_URI (http://host:port/, trailing slash
// optional) into the host:port goroslib dials.
func MasterAddress(uri string) (string, error) {
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

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
