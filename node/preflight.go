package node

import (
	"fmt"
	"log/slog"

	"github.com/depthnode/depthnode/inference"
)

// preflight checks, before the master is reached, what can fail without it, so a missing
// runtime or model file fails at once with the line the node would give later instead of after
// a wait on the master: the ONNX Runtime library loads, and the model files named on the
// command line can be read (those set only on the parameter server are checked after the
// master, by inference.Open). The runtime stays loaded until release, after Open holds it.
func preflight(cfg Config, log *slog.Logger) (release func() error, err error) {
	p, err := cfg.argParams()
	if err != nil {
		return nil, err
	}
	if release, err = inference.HoldRuntime("", log); err != nil {
		return nil, fmt.Errorf("open models: %w", err)
	}
	for _, path := range []string{p.DepthModel, p.NormalsModel} {
		if path == "" {
			continue
		}
		if err := inference.CheckModelFile(path); err != nil {
			_ = release()
			return nil, fmt.Errorf("open models: %w", err)
		}
	}
	return release, nil
}
