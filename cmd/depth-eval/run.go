package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"

	"github.com/depthnode/depthnode/internal/logging"
)

// run is the whole command; it returns the exit status: 0 success, 1 failure, 2 usage error.
func run(args []string, stdout, stderr io.Writer) int {
	o, err := parseOptions(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if errors.Is(err, errUsage) {
		fmt.Fprintf(stderr, "depth-eval: %v\n", err)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "depth-eval: %v\n", err)
		return 1
	}
	if err := evaluateAndReport(o, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "depth-eval: %v\n", err)
		return 1
	}
	return 0
}

// evaluateAndReport opens the data set and the predictor, scores and prints the report.
func evaluateAndReport(o *options, stdout, stderr io.Writer) (err error) {
	ds, err := openDataset(o.data)
	if err != nil {
		return err
	}
	var pr predictor
	if o.pred != "" {
		pr, err = newSavedPredictor(o.pred)
	} else {
		pr, err = newModelPredictor(o, ds.cam.Width, ds.cam.Height, logging.Printf(log.New(stderr, "", 0).Printf))
	}
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, pr.Close()) }()
	n := ds.cam.Frames
	if o.frames > 0 {
		n = min(n, o.frames)
	}
	report, err := evaluate(ds, pr, o.preset, n, newProgressBar(stderr, n, o.progress))
	if err != nil {
		return err
	}
	if o.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(report)
	}
	return report.WriteTable(stdout)
}
