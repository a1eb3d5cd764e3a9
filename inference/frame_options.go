package inference

import "fmt"

// FrameOptions are the settings that may change from one frame to the next while the engine
// runs (dynamic_reconfigure): neither needs a new session, only new buffers or resize plans,
// which a Frame rebuilds by itself when its geometry changes.
type FrameOptions struct {
	// ProcessingRes is the longer side fed to the model; 0 = native; < 0 = the engine's own
	// (Config.ProcessingRes as Open resolved it: the model's metadata, else 768).
	ProcessingRes int
	// DepthStretch is the per-frame min-max stretch of relative depth.
	DepthStretch bool
}

// Options returns the options Prepare uses: the configuration's.
func (e *Engine) Options() FrameOptions {
	return FrameOptions{ProcessingRes: e.res, DepthStretch: e.cfg.DepthStretch}
}

// PrepareWith is Prepare with per-frame options; the frame keeps them through Finish, so one
// frame never mixes two settings even when the next frame is prepared with other ones.
func (e *Engine) PrepareWith(img *RGB, f *Frame, o FrameOptions) error {
	if o.ProcessingRes > maxProcessingRes {
		return fmt.Errorf("%w: processing_res %d is above %d", ErrBadConfig, o.ProcessingRes, maxProcessingRes)
	}
	res := o.ProcessingRes
	if res < 0 {
		res = e.res
	}
	e.noteRes(res)
	return e.prepare(img, f, res, o.DepthStretch)
}

// noteRes says once when the processing resolution changes, since on TensorRT the new input
// size means a new engine build (minutes the first time, then cached) and a slow frame.
func (e *Engine) noteRes(res int) {
	old := e.lastRes.Swap(int64(res))
	if old == int64(res) {
		return
	}
	what := fmt.Sprint(res)
	if res == 0 {
		what = "native"
	}
	if e.device.Provider == ProviderTensorRT {
		e.log.Printf("processing_res is now %s: TensorRT builds a new engine for the new input size "+
			"(this can take minutes the first time; it is cached in %s)", what, tensorRTCacheDir(e.cfg.CacheDir))
		return
	}
	e.log.Printf("processing_res is now %s from the next frame", what)
}
