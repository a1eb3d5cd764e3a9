package inference

// use is how Prepare, Infer and Finish start: f must be this engine's, and the engine's life
// is held shared while the call runs, so a concurrent Close waits for it. On success the caller
// releases with e.life.RUnlock.
func (e *Engine) use(f *Frame) error {
	if f == nil || f.e != e {
		return ErrForeignFrame
	}
	e.life.RLock()
	if e.closed.Load() {
		e.life.RUnlock()
		return ErrClosed
	}
	return nil
}
