package node

import (
	"sync"
	"sync/atomic"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/node/pipeline"
	"github.com/depthnode/depthnode/node/stage"
	"github.com/depthnode/depthnode/node/topics"
)

// sink is where the pipeline's finished frames go: the node's own topics, then the stages
// in their declared order.
type sink struct {
	available inference.Tasks
	camInfo   atomic.Pointer[sensor_msgs.CameraInfo]

	mu     sync.RWMutex // set (a master restart) waits for a frame being published
	out    *topics.Outputs
	stages []stage.Stage
}

// set replaces the topics and stages frames go to (nil while the node re-registers).
func (s *sink) set(out *topics.Outputs, stages []stage.Stage) {
	s.mu.Lock()
	s.out, s.stages = out, stages
	s.mu.Unlock()
}

// Wants is what the next frame must compute: the outputs some topic or stage reads, limited
// to what the models provide.
func (s *sink) Wants() inference.Tasks {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.out == nil {
		return inference.Tasks{}
	}
	t := s.out.Wants()
	for _, st := range s.stages {
		w := st.Wants()
		t.Depth = t.Depth || w.Depth
		t.Normals = t.Normals || w.Normals
	}
	t.Depth = t.Depth && s.available.Depth
	t.Normals = t.Normals && s.available.Normals
	return t
}

// Publish writes f to the topics that have readers, then hands it to the stages.
func (s *sink) Publish(f *pipeline.Finished) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.out == nil {
		return
	}
	h := f.Input.(*input).header()
	info := s.camInfo.Load()
	s.out.Publish(&topics.Frame{Header: h, Result: f.Result, CameraInfo: info})
	if len(s.stages) == 0 {
		return
	}
	fo := &stage.FrameOutput{Header: h, Image: f.Image, Result: f.Result, CameraInfo: info}
	for _, st := range s.stages {
		st.Consume(fo)
	}
}
