// Command synthcam renders synthetic scenes with exact ground truth: it
// publishes them as a ROS 1 camera + LiDAR, or writes them as a data set
// (-write DIR -frames N).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	o, err := parseOptions(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err == nil {
		if o.write != "" {
			err = writeDataset(o, os.Stderr)
		} else {
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			err = runNode(ctx, o, os.Stderr)
			stop()
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "synthcam:", err)
		os.Exit(1)
	}
}
