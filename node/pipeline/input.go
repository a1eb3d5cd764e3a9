package pipeline

import (
	"time"

	"github.com/depthnode/depthnode/inference"
)

// Input is one received camera message (a raw or compressed image).
type Input interface {
	// Decode writes the image as packed RGB into dst.
	Decode(dst *inference.RGB) error
	// Stamp is the message's header stamp.
	Stamp() time.Time
}

// Sink receives finished frames: the node's own topics and its stages, per camera.
type Sink interface {
	// Wants says which outputs camera's next frame must compute (what anyone reads now).
	Wants(camera int) inference.Tasks
	// Publish writes a finished frame; it runs on the output goroutine and must not keep f.
	Publish(f *Finished)
}

// Finished is one frame ready for publishing. Everything in it is reused for a later frame
// once Publish returns.
type Finished struct {
	// Camera is the index of the camera the frame came from (0 with one camera).
	Camera int
	// Input is the message the frame came from (its header).
	Input Input
	// Image is the decoded input, packed RGB.
	Image *inference.RGB
	// Result holds the wanted outputs at the input size.
	Result *inference.Result
	// Want is what was computed.
	Want inference.Tasks
}
