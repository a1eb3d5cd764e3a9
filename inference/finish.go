package inference

import (
	"fmt"
	"math"
)

// Finish postprocesses f's model outputs back to the input size into out's reused buffers:
// depth clipped to [-1,1], mapped by (d+1)/2, optionally min-max stretched, resized (antialiased
// bilinear) and clipped to [0,1]; normals divided by (|n|+1e-5), resized, renormalised and turned
// into the optical frame. A task not run by the last Infer leaves its slice empty. Non-finite
// model outputs are counted in out and come out NaN, as do the output pixels they feed.
func (e *Engine) Finish(f *Frame, out *Result) error {
	// Finish reads the frame's output tensors, which a concurrent Close would free.
	if err := e.use(f); err != nil {
		return err
	}
	defer e.life.RUnlock()
	if f.stage < stageInferred {
		return fmt.Errorf("%w: Finish needs Infer first", ErrNotPrepared)
	}
	out.Width, out.Height = f.inW, f.inH
	out.Depth, out.Normals = out.Depth[:0], out.Normals[:0]
	out.DepthNonFinite, out.NormalsNonFinite = 0, 0
	f.cur = bandJob{px: f.plans.get(f.procW, f.inW), py: f.plans.get(f.procH, f.inH), out: out, signs: e.convention.opticalSigns()}
	if f.ran.Depth {
		f.depth = grow(f.depth, f.procW*f.procH)
		out.DepthNonFinite = e.cropDepth(f, f.depth)
		out.Depth = grow(out.Depth, f.inW*f.inH)
	}
	if f.ran.Normals {
		f.normals = grow(f.normals, f.procW*f.procH*3)
		out.NormalsNonFinite = e.cropNormals(f, f.normals)
		out.Normals = grow(out.Normals, f.inW*f.inH*3)
	}
	f.inBands(f.inH, f.finishBand)
	f.cur = bandJob{} // keep no reference to the caller's result
	return nil
}

// output finds the buffer a session wrote the named output into.
func (f *Frame) output(m *modelSession, name string) *outputBuffer {
	for i, s := range f.e.sessions {
		if s != m {
			continue
		}
		for j, o := range m.outputs {
			if o.name == name {
				return &f.outData[i][j]
			}
		}
	}
	return nil
}

// cropDepth crops the padding off, clips to [-1,1], maps to [0,1] and optionally stretches
// (over the finite values); it returns how many model outputs were not finite (now NaN).
func (e *Engine) cropDepth(f *Frame, dst []float32) int {
	b := f.output(e.depth, outputDepth)
	bad := 0
	// The range lives in the Frame: pointers handed to C would put locals on the heap.
	f.span = [2]float32{float32(math.Inf(1)), float32(math.Inf(-1))}
	for y := range f.procH {
		row := dst[y*f.procW : (y+1)*f.procW]
		src := b.row(y*f.padW, f.procW, f.scratchRow(f.procW))
		bad += depthUnit(src[:len(row)], row, &f.span[0], &f.span[1])
	}
	lo, hi := f.span[0], f.span[1]
	if !e.cfg.DepthStretch {
		return bad
	}
	if !(hi > lo) {
		// A constant frame has no relative depth; the reference gives zeros rather than NaN.
		// Multiplying by 0 keeps invalid (NaN) pixels NaN, and with no finite value at all
		// (lo = +Inf) every pixel is NaN.
		stretch(dst, lo, 0)
		return bad
	}
	// One reciprocal instead of a division per pixel: within an ulp of the reference's division.
	stretch(dst, lo, 1/(hi-lo))
	return bad
}

// cropNormals crops the padding off and divides by (|n|+1e-5) as the reference does before
// resizing, interleaving the three planes; it returns how many pixels were not finite.
func (e *Engine) cropNormals(f *Frame, dst []float32) int {
	b := f.output(e.normals, outputNormals)
	plane := f.padW * f.padH
	bad := 0
	for y := range f.procH {
		xs := b.row(y*f.padW, f.procW, f.scratchRow(3*f.procW))
		ys := b.row(plane+y*f.padW, f.procW, f.scratchRow(3 * f.procW)[f.procW:])
		zs := b.row(2*plane+y*f.padW, f.procW, f.scratchRow(3 * f.procW)[2*f.procW:])
		bad += unitInterleave(xs, ys, zs, dst[y*f.procW*3:(y+1)*f.procW*3])
	}
	return bad
}
