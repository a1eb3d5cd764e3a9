package pipeline

import (
	"time"

	"github.com/depthnode/depthnode/inference"
)

// job carries one frame through the pipeline; the pipeline owns a few and reuses them, so
// steady-state frames allocate nothing but their messages.
type job struct {
	cam   int
	in    Input
	rgb   inference.RGB
	frame Frame
	want  inference.Tasks
	res   inference.Result

	received time.Time // wall clock at the callback
	stamp    time.Time // the input header stamp
	infer    time.Duration
	prepared time.Time
}
