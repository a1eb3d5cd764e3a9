package node

import (
	"strings"

	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/node/params"
	"github.com/depthnode/depthnode/node/pipeline"
)

// engineModel is the inference engine as the pipeline drives it; each frame is prepared with
// the live parameters in force (~processing_res, ~depth_stretch), read once for that frame.
type engineModel struct {
	e      *inference.Engine
	live   *params.Live
	batch  bool               // run several cameras' frames as one batch (~camera_batch)
	frames []*inference.Frame // InferBatch's argument, reused (the infer goroutine's only)
}

// batchCameras resolves ~camera_batch for the device the model runs on.
func batchCameras(setting, device string) bool {
	switch setting {
	case "on":
		return true
	case "off":
		return false
	}
	return !strings.HasPrefix(device, "cpu")
}

func (m *engineModel) NewFrame() pipeline.Frame { return m.e.NewFrame() }

func (m *engineModel) Prepare(img *inference.RGB, f pipeline.Frame) error {
	p := m.live.Get()
	return m.e.PrepareWith(img, f.(*inference.Frame), inference.FrameOptions{ProcessingRes: p.ProcessingRes, DepthStretch: p.DepthStretch})
}

func (m *engineModel) Infer(f pipeline.Frame, want inference.Tasks) error {
	return m.e.Infer(f.(*inference.Frame), want)
}

func (m *engineModel) InferBatch(fs []pipeline.Frame, want inference.Tasks) error {
	if !m.batch {
		for _, f := range fs {
			if err := m.Infer(f, want); err != nil {
				return err
			}
		}
		return nil
	}
	m.frames = m.frames[:0]
	for _, f := range fs {
		m.frames = append(m.frames, f.(*inference.Frame))
	}
	return m.e.InferBatch(m.frames, want)
}

func (m *engineModel) Finish(f pipeline.Frame, out *inference.Result) error {
	return m.e.Finish(f.(*inference.Frame), out)
}
