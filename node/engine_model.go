package node

import (
	"strings"

	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/node/pipeline"
)

// engineModel is the inference engine as the pipeline drives it.
type engineModel struct {
	e      *inference.Engine
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
	return m.e.Prepare(img, f.(*inference.Frame))
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
