// Command depth-bench times the node's inference path (inference.Open, then Prepare, Infer and
// Finish per frame) on given ONNX models, device, input size and processing resolution, and
// prints ms/frame (mean, p50, p95) and frames per second for each stage, as text or JSON.
//
//	depth-bench -depth models/e2e-ft-depth-fp16.onnx -normals models/e2e-ft-normals-fp16.onnx -device cuda
package main

import (
	"fmt"
	"io"
	"log"
	"os"

	"github.com/depthnode/depthnode/internal/logging"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: the exit code, so tests drive the whole program.
func run(args []string, stdout, stderr io.Writer) int {
	opts, err := parseOptions(args, stderr)
	if err != nil {
		if err == errHelp {
			return 0
		}
		fmt.Fprintln(stderr, "depth-bench:", err)
		return 2
	}
	logger := log.New(stderr, "[depth-bench] ", log.Lmicroseconds)
	if opts.Quiet {
		logger.SetOutput(io.Discard)
	}
	rep, err := benchmark(opts, logging.Printf(logger.Printf))
	if err != nil {
		fmt.Fprintln(stderr, "depth-bench:", err)
		return 1
	}
	if opts.JSON {
		err = rep.writeJSON(stdout)
	} else {
		err = rep.writeText(stdout)
	}
	if err != nil {
		fmt.Fprintln(stderr, "depth-bench:", err)
		return 1
	}
	return 0
}
