package inference

import "fmt"

// warmUp runs one synthetic frame of the warm-up size through every session: the runtime
// allocates its arenas, CUDA picks its convolution algorithms and TensorRT builds its engine for
// that shape now, not on the first camera frame.
func (e *Engine) warmUp() error {
	w, h := e.cfg.WarmupWidth, e.cfg.WarmupHeight
	if w == 0 || h == 0 {
		w, h = 640, 480
	}
	img := &RGB{Width: w, Height: h, Pix: make([]byte, w*h*3)}
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	f := e.NewFrame()
	defer f.Close()
	var out Result
	err := e.Prepare(img, f)
	if err == nil {
		err = e.Infer(f, e.Tasks())
	}
	if err == nil {
		err = e.Finish(f, &out)
	}
	if err != nil {
		return fmt.Errorf("warm-up run at %dx%d: %w", w, h, err)
	}
	return nil
}
