package node

import "github.com/depthnode/depthnode/inference"

// model is the part of *inference.Engine the pipeline drives, split into its
// three stages so consecutive frames overlap.
type model interface {
	Tasks() inference.Tasks
	Device() string
	Describe() string
	NewFrame() *inference.Frame
	Prepare(img *inference.RGB, f *inference.Frame) error
	Infer(f *inference.Frame, want inference.Tasks) error
	Finish(f *inference.Frame, out *inference.Result) error
	Close() error
}

var _ model = (*inference.Engine)(nil)
