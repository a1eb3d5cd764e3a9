package node

import (
	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/node/pipeline"
)

// sink is where the pipeline's finished frames go: each camera's own topics, then its stages
// in their declared order.
type sink struct {
	cameras   []*camera
	available inference.Tasks
}

// Wants is what camera cam's next frame must compute.
func (s *sink) Wants(cam int) inference.Tasks { return s.cameras[cam].wants(s.available) }

// Publish hands f to the camera it came from.
func (s *sink) Publish(f *pipeline.Finished) { s.cameras[f.Camera].publish(f, len(s.cameras)) }
