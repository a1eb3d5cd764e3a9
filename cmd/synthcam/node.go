package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/bluenviron/goroslib/v2"
	"github.com/depthnode/depthnode/synth"
)

// defaultNodeName is the node's name without __name:=.
const defaultNodeName = "synthcam"

// runNode joins the ROS graph and publishes frames until ctx ends.
func runNode(ctx context.Context, o *options, log io.Writer) error {
	ra, err := parseRosArgs(o.rosArgs)
	if err != nil {
		return err
	}
	masterURI := firstNonEmpty(ra.master, os.Getenv("ROS_MASTER_URI"), "http://localhost:11311/")
	masterAddr, err := masterAddress(masterURI)
	if err != nil {
		return err
	}
	ns := firstNonEmpty(ra.ns, os.Getenv("ROS_NAMESPACE"))
	names, err := newRosNames(ns, firstNonEmpty(ra.name, defaultNodeName), ra.remaps)
	if err != nil {
		return err
	}
	// goroslib lets ROS_NAMESPACE override its configured namespace; ROS
	// gives __ns:= precedence, so hand goroslib the resolved one.
	if env := os.Getenv("ROS_NAMESPACE"); env != "" {
		_ = os.Setenv("ROS_NAMESPACE", names.namespace)
	}
	ros, err := connect(ctx, goroslib.NodeConf{
		MasterAddress: masterAddr,
		Namespace:     names.namespace,
		Name:          names.node,
		Host:          firstNonEmpty(ra.hostname, ra.ip, os.Getenv("ROS_HOSTNAME"), os.Getenv("ROS_IP")),
	}, masterURI, log)
	if errors.Is(err, context.Canceled) {
		return nil // interrupted while waiting for the master
	}
	if err != nil {
		return err
	}
	defer ros.Close()

	if err := loadServerParams(ros, names, o); err != nil {
		return err
	}
	// The command line's _param:=value wins over the parameter server.
	if err := applyParams(o, ra.params); err != nil {
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
	fmt.Fprintf(log, "synthcam: %s publishing %dx%d at %g Hz on %s (seed %d, %d LiDAR beams); master %s\n",
		names.full(), o.cfg.Width, o.cfg.Height, o.rate, names.resolve("image"), o.cfg.Seed, o.cfg.Lidar.Beams, masterURI)
	return publishLoop(ctx, ros, g, pubs, o, log)
}
