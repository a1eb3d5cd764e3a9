package main

import (
	"fmt"
	"log/slog"

	"github.com/depthnode/depthnode/inference"
)

// modelPredictor runs an ONNX model through the node's own inference path (resize to the
// processing resolution, padding, clip, optional stretch, resize back, normals conversion).
type modelPredictor struct {
	engine *inference.Engine
	tasks  inference.Tasks
	res    inference.Result
}

// newModelPredictor opens the models with a warm-up at the data set's frame size.
func newModelPredictor(o *options, w, h int, log *slog.Logger) (*modelPredictor, error) {
	e, err := inference.Open(inference.Config{
		DepthModel:    o.depthModel,
		NormalsModel:  o.normalsModel,
		ProcessingRes: o.processingRes,
		Device:        o.device,
		DepthStretch:  o.stretch,
		Threads:       o.threads,
		WarmupWidth:   w,
		WarmupHeight:  h,
	}, log)
	if err != nil {
		return nil, err
	}
	return &modelPredictor{engine: e, tasks: e.Tasks()}, nil
}

func (m *modelPredictor) predict(i int, gt *groundTruth) (prediction, error) {
	img := &inference.RGB{Width: gt.width, Height: gt.height, Pix: gt.rgb}
	if err := m.engine.Run(img, m.tasks, &m.res); err != nil {
		return prediction{}, fmt.Errorf("frame %d: %w", i, err)
	}
	var p prediction
	// The engine reuses its result buffers, and each frame is scored before the next runs.
	if m.tasks.Depth {
		p.depth = m.res.Depth
	}
	if m.tasks.Normals {
		p.normals = m.res.Normals
	}
	return p, nil
}

func (m *modelPredictor) what() (bool, bool) { return m.tasks.Depth, m.tasks.Normals }

func (m *modelPredictor) Close() error { return m.engine.Close() }
