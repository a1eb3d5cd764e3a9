package node

import (
	"sync"

	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/node/pipeline"
)

// sink is where the pipeline's finished frames go: each camera's own topics, then its stages
// in their declared order.
type sink struct {
	available inference.Tasks

	mu      sync.RWMutex // set (a master restart) waits for a frame being published
	cameras []*camera    // nil while the node registers again
}

// set replaces the cameras frames go to (nil while the node re-registers).
func (s *sink) set(cameras []*camera) {
	s.mu.Lock()
	s.cameras = cameras
	s.mu.Unlock()
}

// Wants is what camera cam's next frame must compute; nothing while the node re-registers.
func (s *sink) Wants(cam int) inference.Tasks {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if cam >= len(s.cameras) {
		return inference.Tasks{}
	}
	return s.cameras[cam].wants(s.available)
}

// Publish hands f to the camera it came from.
func (s *sink) Publish(f *pipeline.Finished) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if f.Camera < len(s.cameras) {
		s.cameras[f.Camera].publish(f, len(s.cameras))
	}
}
