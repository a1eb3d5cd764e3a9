package main

import (
	"fmt"
	"io"
	"time"

	"github.com/depthnode/depthnode/synth"
)

// writeDataset renders o.frames frames into o.write, reporting progress to log.
func writeDataset(o *options, log io.Writer) error {
	g, err := synth.NewGenerator(o.cfg)
	if err != nil {
		return err
	}
	start := time.Now()
	err = synth.WriteDataset(o.write, g, o.frames, func(done int) {
		if done%50 == 0 || done == o.frames {
			fmt.Fprintf(log, "synthcam: %d/%d frames written to %s (%.0f ms/frame)\n",
				done, o.frames, o.write, float64(time.Since(start).Milliseconds())/float64(done))
		}
	})
	if err != nil {
		return fmt.Errorf("writing data set %s: %w", o.write, err)
	}
	return nil
}
