package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/url"
	"time"

	"github.com/bluenviron/goroslib/v2"
)

// connect creates the goroslib node, retrying while the master is unreachable.
func connect(ctx context.Context, conf goroslib.NodeConf, uri string, log io.Writer) (*goroslib.Node, error) {
	for attempt := 1; ; attempt++ {
		n, err := goroslib.NewNode(conf)
		if err == nil {
			return n, nil
		}
		fmt.Fprintf(log, "synthcam: cannot reach the ROS master at %s (%v); retrying in 2s (attempt %d)\n", uri, err, attempt)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(2 * time.Second):
		}
	}
}

// masterAddress turns ROS_MASTER_URI (http://host:port/) into host:port.
func masterAddress(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "http" || u.Host == "" {
		return "", fmt.Errorf("ROS master URI %q: want http://HOST:PORT/", uri)
	}
	port := u.Port()
	if port == "" {
		port = "11311"
	}
	return net.JoinHostPort(u.Hostname(), port), nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
