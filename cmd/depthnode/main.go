// Command depthnode is the ROS 1 node: relative depth and surface normals
// from a camera stream. Run with -h for topics and parameters.
package main

import (
	"context"
	"errors"
	"log"
	"os"
	"os/signal"
	"syscall"

	"github.com/depthnode/depthnode/internal/logging"
	"github.com/depthnode/depthnode/node"
)

func main() {
	logger := log.New(os.Stderr, "[depthnode] ", log.LstdFlags|log.Lmicroseconds)
	args, err := node.ParseArgs(os.Args[1:])
	if errors.Is(err, node.ErrHelp) {
		node.Usage(os.Stdout)
		return
	}
	if err != nil {
		logger.Fatal(err)
	}
	// roslaunch stops nodes with SIGINT; systemd and docker with SIGTERM.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := node.Run(ctx, node.Config{Args: args, Log: logging.Printf(logger.Printf)}); err != nil {
		logger.Fatal(err)
	}
}
