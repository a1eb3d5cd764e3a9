package inference

import "fmt"

// Infer runs only the session(s) needed for want (a model with both outputs runs once). It is
// safe to call from one goroutine at a time, while other goroutines Prepare or Finish other
// frames.
func (e *Engine) Infer(f *Frame, want Tasks) error {
	if err := e.use(f); err != nil {
		return err
	}
	defer e.life.RUnlock()
	if f.stage < stagePrepared {
		return ErrNotPrepared
	}
	have := e.Tasks()
	if (want.Depth && !have.Depth) || (want.Normals && !have.Normals) {
		return fmt.Errorf("%w: want %s, the loaded models give %s", ErrTaskUnavailable, want, have)
	}
	for i, m := range e.sessions {
		if !(want.Depth && m == e.depth) && !(want.Normals && m == e.normals) {
			continue
		}
		if err := m.sess.Run(f.inputs[i], f.outputs[i]); err != nil {
			f.stage = stagePrepared
			return fmt.Errorf("%w: running %s on %dx%d: %v", ErrRuntime, m.spec.path, f.padW, f.padH, oneLine(err))
		}
		e.runs.Add(1)
	}
	f.ran = want
	f.stage = stageInferred
	return nil
}

// defaultFrame is Run's frame, made on first use.
func (e *Engine) defaultFrame() *Frame {
	e.mu.Lock()
	f := e.runFrame
	e.mu.Unlock()
	if f == nil {
		f = e.NewFrame()
		e.mu.Lock()
		e.runFrame = f
		e.mu.Unlock()
	}
	return f
}

// Run is Prepare, Infer and Finish in sequence on the engine's own Frame; like Infer, it is for
// one goroutine at a time.
func (e *Engine) Run(img *RGB, want Tasks, out *Result) error {
	f := e.defaultFrame()
	if err := e.Prepare(img, f); err != nil {
		return err
	}
	if err := e.Infer(f, want); err != nil {
		return err
	}
	return e.Finish(f, out)
}
