package pipeline

import "github.com/depthnode/depthnode/inference"

// Frame is one model's buffers for one image (an *inference.Frame).
type Frame interface {
	Close() error
}

// Model is the part of the inference engine the pipeline drives, split into its three stages
// so consecutive frames overlap.
type Model interface {
	// NewFrame returns buffers for one frame.
	NewFrame() Frame
	// Prepare resizes and normalises img into f.
	Prepare(img *inference.RGB, f Frame) error
	// Infer runs the model on f for the wanted outputs.
	Infer(f Frame, want inference.Tasks) error
	// InferBatch runs several prepared frames (one per camera), batched where the model can.
	InferBatch(fs []Frame, want inference.Tasks) error
	// Finish writes f's outputs at the input size into out.
	Finish(f Frame, out *inference.Result) error
}
