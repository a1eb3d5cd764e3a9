package inference

import (
	"fmt"

	ort "github.com/yalue/onnxruntime_go"
)

// CanBatch says whether every loaded model takes a dynamic batch dimension N, so InferBatch
// runs prepared frames of one size as one [N,3,H,W] pass; otherwise it runs them in turn.
func (e *Engine) CanBatch() bool {
	for _, m := range e.sessions {
		if !m.spec.batch {
			return false
		}
	}
	return len(e.sessions) > 0
}

// InferBatch runs prepared frames as Infer would: frames that share a padded size go through
// the model together, one pass per session, when the model can batch; others (and every frame of
// a model whose N is fixed) run one after another. Each frame's outputs are exactly what Infer
// on it alone gives on the CPU; a failure fails the frames of its group. Like Infer it is for one
// goroutine at a time.
func (e *Engine) InferBatch(frames []*Frame, want Tasks) error {
	if len(frames) == 1 || !e.CanBatch() {
		for _, f := range frames {
			if err := e.Infer(f, want); err != nil {
				return err
			}
		}
		return nil
	}
	if !samePadding(frames) {
		var first error
		for _, g := range groupByPadding(frames) {
			if err := e.InferBatch(g, want); err != nil && first == nil {
				first = err
			}
		}
		return first
	}
	for _, f := range frames {
		if f == nil || f.e != e {
			return ErrForeignFrame
		}
	}
	e.life.RLock()
	defer e.life.RUnlock()
	if e.closed.Load() {
		return ErrClosed
	}
	have := e.Tasks()
	if (want.Depth && !have.Depth) || (want.Normals && !have.Normals) {
		return fmt.Errorf("%w: want %s, the loaded models give %s", ErrTaskUnavailable, want, have)
	}
	for _, f := range frames {
		if f.stage < stagePrepared {
			return ErrNotPrepared
		}
	}
	b, err := e.batchFor(len(frames), frames[0].padW, frames[0].padH)
	if err != nil {
		return err
	}
	b.gather(frames)
	for i, m := range e.sessions {
		if !(want.Depth && m == e.depth) && !(want.Normals && m == e.normals) {
			continue
		}
		if err := m.sess.Run(b.inputs[i], b.outputs[i]); err != nil {
			return fmt.Errorf("%w: running %s on %d frames of %dx%d: %v", ErrRuntime, m.spec.path, len(frames), b.padW, b.padH, oneLine(err))
		}
		e.runs.Add(1)
		b.scatter(i, frames)
	}
	for _, f := range frames {
		f.ran = want
		f.stage = stageInferred
	}
	return nil
}

// groupByPadding splits frames into runs of one padded size, in first-seen order.
func groupByPadding(frames []*Frame) [][]*Frame {
	var groups [][]*Frame
	for _, f := range frames {
		placed := false
		for i, g := range groups {
			if g[0].padW == f.padW && g[0].padH == f.padH {
				groups[i], placed = append(g, f), true
				break
			}
		}
		if !placed {
			groups = append(groups, []*Frame{f})
		}
	}
	return groups
}

func samePadding(frames []*Frame) bool {
	for _, f := range frames[1:] {
		if f == nil || frames[0] == nil || f.padW != frames[0].padW || f.padH != frames[0].padH {
			return false
		}
	}
	return true
}

// batchFor returns the engine's batch tensors for n frames of padW x padH, rebuilt when the
// batch shape changes (the infer goroutine is its only user).
func (e *Engine) batchFor(n, padW, padH int) (*batchTensors, error) {
	if b := e.batch; b != nil && b.n == n && b.padW == padW && b.padH == padH {
		return b, nil
	}
	if e.batch != nil {
		e.batch.frame.destroyTensors()
		e.batch = nil
	}
	// A Frame's tensor code builds [1,...] tensors; the batch reuses it with N in front.
	b := &batchTensors{n: n, padW: padW, padH: padH, frame: &Frame{e: e}}
	if err := b.frame.ensureBatchTensors(n, padW, padH); err != nil {
		return nil, err
	}
	e.batch = b
	return b, nil
}

// batchTensors are [N,...] input and output tensors and the host memory behind them.
type batchTensors struct {
	n, padW, padH int
	frame         *Frame // holds the tensors, the buffers and the per-session slices
	inputs        [][]ort.Value
	outputs       [][]ort.Value
}

// gather copies each frame's prepared input into its place in the batch input.
func (b *batchTensors) gather(frames []*Frame) {
	plane := 3 * b.padW * b.padH
	for k, f := range frames {
		copy(b.frame.in32[k*plane:(k+1)*plane], f.in32[:plane])
		if b.frame.in16 != nil && f.in16 != nil {
			copy(b.frame.in16[k*plane:(k+1)*plane], f.in16[:plane])
		}
	}
	b.inputs, b.outputs = b.frame.inputs, b.frame.outputs
}

// scatter copies session i's batch outputs back into each frame's output buffers.
func (b *batchTensors) scatter(i int, frames []*Frame) {
	plane := b.padW * b.padH
	for j, out := range b.frame.outData[i] {
		n := out.channels * plane
		for k, f := range frames {
			dst := &f.outData[i][j]
			if out.f16 != nil {
				copy(dst.f16[:n], out.f16[k*n:(k+1)*n])
			} else {
				copy(dst.f32[:n], out.f32[k*n:(k+1)*n])
			}
		}
	}
}
