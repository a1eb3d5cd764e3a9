package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/depthnode/depthnode/eval"
)

// errUsage marks command-line mistakes (exit status 2).
var errUsage = errors.New("usage")

// options are depth-eval's command-line flags.
type options struct {
	data          string
	preset        eval.Preset
	depthModel    string
	normalsModel  string
	pred          string
	processingRes int
	device        string
	threads       int
	stretch       bool
	frames        int
	json          bool
	progress      string
}

const usageText = `depth-eval scores a depth/normals model or saved predictions on a data set folder.

  depth-eval -data DIR -model models/demo.onnx
  depth-eval -data DIR -pred PREDICTIONS_DIR -json

The data set is the synthetic layout written by "synthcam -write": camera.json and, per frame
N (6 digits), N_rgb.png (8-bit RGB), N_depth.png (16-bit, millimetres, 0 = invalid) and
optionally N_normals.png (16-bit RGB, round((n+1)/2*65535), optical frame, all-zero invalid).
Other data sets (nyuv2, kitti, ...) must be converted to this layout; their preset only sets
the depth range and crop.

Saved predictions (-pred) are N_depth.npy (float32/float64 [H,W], affine-invariant depth:
larger = farther) or N_depth.png (16-bit, value/65535), and N_normals.npy (float [H,W,3]) or
N_normals.png (16-bit RGB like the data set), normals in the optical frame (x right, y down,
z forward) pointing toward the camera.

Flags:
`

// parseOptions reads the flags; a usage error wraps errUsage.
func parseOptions(args []string, out io.Writer) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("depth-eval", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		fmt.Fprint(out, usageText)
		fs.PrintDefaults()
	}
	var model, preset string
	fs.StringVar(&o.data, "data", "", "data set folder (required)")
	fs.StringVar(&preset, "preset", "synthetic", fmt.Sprintf("depth range and crop: %v", eval.PresetNames()))
	fs.StringVar(&model, "model", "", "ONNX model with both outputs (sets -depth-model and -normals-model)")
	fs.StringVar(&o.depthModel, "depth-model", "", "ONNX depth model")
	fs.StringVar(&o.normalsModel, "normals-model", "", "ONNX normals model")
	fs.StringVar(&o.pred, "pred", "", "folder of saved predictions instead of a model")
	fs.IntVar(&o.processingRes, "processing-res", -1, "longer side fed to the model; 0 = native; -1 = the model's metadata, else 768")
	fs.StringVar(&o.device, "device", "cpu", "cpu, cuda, cuda:N, tensorrt, tensorrt:N or auto")
	fs.IntVar(&o.threads, "threads", 0, "ONNX Runtime intra-op threads (0 = runtime default)")
	fs.BoolVar(&o.stretch, "depth-stretch", true, "per-frame min-max stretch of relative depth, as the node does (alignment makes it irrelevant to the scores)")
	fs.IntVar(&o.frames, "frames", 0, "evaluate only the first N frames (0 = all)")
	fs.BoolVar(&o.json, "json", false, "print the report as JSON instead of a table")
	fs.StringVar(&o.progress, "progress", "auto", "progress bar on stderr: auto (when stderr is a terminal), always or never")
	if err := fs.Parse(args); err != nil {
		return nil, fmt.Errorf("%w: %w", errUsage, err)
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	if model != "" {
		if o.depthModel != "" || o.normalsModel != "" {
			return nil, fmt.Errorf("%w: -model excludes -depth-model and -normals-model", errUsage)
		}
		o.depthModel, o.normalsModel = model, model
	}
	p, err := eval.LookupPreset(preset)
	if err != nil {
		return nil, fmt.Errorf("%w: -preset: %w", errUsage, err)
	}
	o.preset = p
	hasModel := o.depthModel != "" || o.normalsModel != ""
	switch {
	case o.data == "":
		return nil, fmt.Errorf("%w: -data is required", errUsage)
	case hasModel == (o.pred != ""):
		return nil, fmt.Errorf("%w: give either a model (-model, -depth-model, -normals-model) or -pred", errUsage)
	case o.frames < 0:
		return nil, fmt.Errorf("%w: -frames %d is negative", errUsage, o.frames)
	case o.progress != "auto" && o.progress != "always" && o.progress != "never":
		return nil, fmt.Errorf("%w: -progress %q: want auto, always or never", errUsage, o.progress)
	}
	return o, nil
}
