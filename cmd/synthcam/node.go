package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"time"

	"github.com/depthnode/depthnode/internal/logging"

	"github.com/bluenviron/goroslib/v2"

	"github.com/depthnode/depthnode/internal/rosargs"
	"github.com/depthnode/depthnode/internal/rosnode"
	"github.com/depthnode/depthnode/synth"
)

// defaultNodeName is the node's name without __name:=.
const defaultNodeName = "synthcam"

// masterRetry is the wait between attempts to reach the master.
const masterRetry = 2 * time.Second

// runNode joins the ROS graph and publishes frames until ctx ends.
func runNode(ctx context.Context, o *options, w io.Writer) error {
	ra, err := rosargs.Parse(o.rosArgs)
	if err != nil {
		return err
	}
	conn, err := rosargs.NewConnection(ra, nil, defaultNodeName)
	if err != nil {
		return err
	}
	// goroslib's own lines come here (printed as before) and `rosnode kill` ends the loop.
	killed := rosnode.NewShutdownRequest()
	onLog := func(_ goroslib.LogLevel, msg string) {
		killed.Observe(msg)
		fmt.Fprintf(w, "synthcam: [goroslib] %s\n", msg)
	}
	ros, err := rosnode.Connect(ctx, conn, masterRetry, logging.Printf(log.New(w, "synthcam: ", 0).Printf), onLog)
	if errors.Is(err, context.Canceled) {
		return nil // interrupted while waiting for the master
	}
	if err != nil {
		return err
	}
	defer ros.Close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-killed.Done():
			cancel()
		case <-ctx.Done():
		}
	}()

	names := conn.Names
	if err := loadServerParams(rosnode.NewParamServer(conn.MasterAddr, names.FullNode()), names, o); err != nil {
		return err
	}
	// The command line's _param:=value wins over the parameter server.
	if err := applyParams(o, ra.Params); err != nil {
		return err
	}
	g, err := synth.NewGenerator(o.cfg)
	if err != nil {
		return err
	}
	pubs, err := newPublishers(ros, names, o)
	if err != nil {
		return err
	}
	defer pubs.close()
	fmt.Fprintf(w, "synthcam: %s publishing %dx%d at %g Hz on %s (seed %d, %d LiDAR beams); master %s\n",
		names.FullNode(), o.cfg.Width, o.cfg.Height, o.rate, names.Resolve("image"), o.cfg.Seed, o.cfg.Lidar.Beams, conn.MasterURI)
	return publishLoop(ctx, ros, g, pubs, o, w)
}
