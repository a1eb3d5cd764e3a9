package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/depthnode/depthnode/inference"
)

// errHelp means -h was asked for and the usage has been printed.
var errHelp = errors.New("help requested")

// Options is one benchmark run's configuration.
type Options struct {
	DepthModel, NormalsModel string
	Device                   string
	Width, Height            int // the camera image fed to Prepare
	ProcessingRes            int
	Warmup, Iterations       int
	Threads                  int
	Tasks                    inference.Tasks // zero = everything the models give
	DepthStretch             bool
	LibraryPath              string
	Label                    string
	JSON, Quiet              bool
	// Cameras is how many cameras' frames each timed step carries (one node serving several
	// cameras); Sequential runs them one after another instead of as one batch.
	Cameras    int
	Sequential bool
}

// parseOptions reads the command line; errors name the offending flag.
func parseOptions(args []string, usage io.Writer) (Options, error) {
	o := Options{}
	fs := flag.NewFlagSet("depth-bench", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&o.DepthModel, "depth", "", "depth ONNX model (\"\" = no depth)")
	fs.StringVar(&o.NormalsModel, "normals", "", "normals ONNX model; the same file as -depth for a combined model")
	fs.StringVar(&o.Device, "device", "cpu", "cpu, cuda, cuda:N, tensorrt, tensorrt:N or auto")
	size := fs.String("size", "640x480", "input image WIDTHxHEIGHT")
	fs.IntVar(&o.ProcessingRes, "res", inference.DefaultProcessingRes, "processing resolution (longer side); 0 = native")
	fs.IntVar(&o.Warmup, "warmup", 3, "untimed frames after Open's own warm-up")
	fs.IntVar(&o.Iterations, "iters", 20, "timed frames")
	fs.IntVar(&o.Threads, "threads", 0, "intra-op threads (0 = runtime default)")
	tasks := fs.String("tasks", "", "depth, normals or depth,normals (default: all the models give)")
	fs.BoolVar(&o.DepthStretch, "stretch", true, "per-frame min-max stretch of depth (as the node's default)")
	fs.StringVar(&o.LibraryPath, "lib", "", "ONNX Runtime library (default: $ONNXRUNTIME_LIB, then .ort/)")
	fs.StringVar(&o.Label, "label", "", "free text carried into the report (e.g. fp16 combined)")
	fs.IntVar(&o.Cameras, "cameras", 1, "frames per step, as a node serving this many cameras runs them")
	fs.BoolVar(&o.Sequential, "sequential", false, "with -cameras: run the frames one after another, not as one batch")
	fs.BoolVar(&o.JSON, "json", false, "print the report as one JSON object")
	fs.BoolVar(&o.Quiet, "q", false, "no log lines on stderr")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return o, errHelp
		}
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q (models are given with -depth/-normals)", fs.Arg(0))
	}
	var err error
	if o.Width, o.Height, err = parseSize(*size); err != nil {
		return o, fmt.Errorf("-size: %w", err)
	}
	if o.Tasks, err = parseTasks(*tasks); err != nil {
		return o, fmt.Errorf("-tasks: %w", err)
	}
	return o, o.validate()
}

func (o Options) validate() error {
	switch {
	case o.DepthModel == "" && o.NormalsModel == "":
		return errors.New("give -depth and/or -normals")
	case o.Cameras < 1 || o.Cameras > 64:
		return fmt.Errorf("-cameras %d: want 1 to 64", o.Cameras)
	case o.Iterations < 1:
		return fmt.Errorf("-iters %d: at least 1 timed frame", o.Iterations)
	case o.Warmup < 0:
		return fmt.Errorf("-warmup %d is negative", o.Warmup)
	case o.ProcessingRes < 0:
		return fmt.Errorf("-res %d is negative (0 = native)", o.ProcessingRes)
	case o.Tasks.Depth && o.DepthModel == "":
		return errors.New("-tasks asks for depth but -depth is empty")
	case o.Tasks.Normals && o.NormalsModel == "":
		return errors.New("-tasks asks for normals but -normals is empty")
	}
	return nil
}

// parseSize reads WIDTHxHEIGHT.
func parseSize(s string) (int, int, error) {
	ws, hs, ok := strings.Cut(strings.ToLower(s), "x")
	w, errW := strconv.Atoi(ws)
	h, errH := strconv.Atoi(hs)
	if !ok || errW != nil || errH != nil || w <= 0 || h <= 0 {
		return 0, 0, fmt.Errorf("want WIDTHxHEIGHT with positive numbers, got %q", s)
	}
	return w, h, nil
}

// parseTasks reads "depth", "normals", "depth,normals" or "" (zero Tasks = all available).
func parseTasks(s string) (inference.Tasks, error) {
	var t inference.Tasks
	if s == "" {
		return t, nil
	}
	for _, name := range strings.Split(s, ",") {
		switch strings.TrimSpace(name) {
		case "depth":
			t.Depth = true
		case "normals":
			t.Normals = true
		default:
			return t, fmt.Errorf("unknown task %q (depth, normals)", name)
		}
	}
	return t, nil
}
