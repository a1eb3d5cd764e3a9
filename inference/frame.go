package inference

import (
	"fmt"
	"unsafe"

	ort "github.com/yalue/onnxruntime_go"
)

// frameStage tracks which of Prepare, Infer, Finish a Frame has been through.
type frameStage int

const (
	stageEmpty frameStage = iota
	stagePrepared
	stageInferred
)

// Frame carries one frame's reusable buffers through the three stages, so a pipeline can Prepare
// frame n+1 while Infer runs on frame n. Buffers and runtime tensors are kept between frames and
// rebuilt only when the geometry changes: no per-frame allocation in steady state.
type Frame struct {
	e     *Engine
	stage frameStage
	ran   Tasks

	inW, inH     int // the image given to Prepare
	procW, procH int // the processing size (reference resize)
	padW, padH   int // the model input size

	resized RGB       // the image at the processing size, uint8 as the reference rounds it
	in32    []float32 // [3, padH, padW], RGB in [-1,1]
	in16    []uint16  // the same in float16, for float16 models
	tensors []ort.Value
	inputs  [][]ort.Value // per engine session: its input, ready for Run
	outputs [][]ort.Value // per engine session: its outputs, ready for Run
	outData [][]outputBuffer

	plans   planCache
	bands   []resizeScratch // one per row band (Config.Workers)
	rowBuf  []float32
	depth   []float32 // postprocessing at the processing size
	normals []float32
	span    [2]float32 // the depth frame's min and max before stretching

	// What the row bands of the current Prepare or Finish work on; the band functions are bound
	// once, so handing them to the bands allocates nothing.
	cur                     bandJob
	prepareBand, finishBand func(band, y0, y1 int)
}

// outputBuffer is the host memory one model output is written into.
type outputBuffer struct {
	channels int
	f32      []float32
	f16      []uint16
}

// row returns n elements from offset as float32: the buffer itself for float32 outputs, or
// converted into tmp for float16 ones.
func (b *outputBuffer) row(offset, n int, tmp []float32) []float32 {
	if b.f16 == nil {
		return b.f32[offset : offset+n]
	}
	tmp = tmp[:n]
	table := halfTable()
	for i, h := range b.f16[offset : offset+n] {
		tmp[i] = table[h]
	}
	return tmp
}

// scratchRow is per-frame scratch for one converted output row.
func (f *Frame) scratchRow(n int) []float32 {
	f.rowBuf = grow(f.rowBuf, n)
	return f.rowBuf
}

// NewFrame returns an empty Frame bound to the engine; its buffers grow on first use.
func (e *Engine) NewFrame() *Frame {
	f := &Frame{e: e}
	f.prepareBand, f.finishBand = f.resizeInputRows, f.finishRows
	e.mu.Lock()
	e.frames[f] = struct{}{}
	e.mu.Unlock()
	return f
}

// Close releases the frame's runtime tensors; Engine.Close does so for frames still open.
func (f *Frame) Close() error {
	// Shared hold: an Engine.Close in progress finishes first (and owns the frame's tensors then).
	f.e.life.RLock()
	defer f.e.life.RUnlock()
	f.e.mu.Lock()
	_, open := f.e.frames[f]
	delete(f.e.frames, f)
	f.e.mu.Unlock()
	if !open {
		return nil
	}
	return f.destroyTensors()
}

func (f *Frame) destroyTensors() error {
	var first error
	for _, t := range f.tensors {
		if err := t.Destroy(); err != nil && first == nil {
			first = err
		}
	}
	f.tensors, f.inputs, f.outputs, f.outData = nil, nil, nil, nil
	f.padW, f.padH, f.stage = 0, 0, stageEmpty
	return first
}

// ensureTensors (re)builds input and output tensors for the padded size padW x padH.
func (f *Frame) ensureTensors(padW, padH int) error {
	if f.tensors != nil && f.padW == padW && f.padH == padH {
		return nil
	}
	return f.ensureBatchTensors(1, padW, padH)
}

// ensureBatchTensors builds [n,3,padH,padW] input and [n,C,padH,padW] output tensors.
func (f *Frame) ensureBatchTensors(n, padW, padH int) error {
	if err := f.destroyTensors(); err != nil {
		return fmt.Errorf("%w: releasing tensors: %v", ErrRuntime, err)
	}
	plane := padW * padH
	f.in32 = grow(f.in32, 3*plane*n)
	var in32, in16 ort.Value
	var err error
	if in32, err = f.newTensor(ort.NewShape(int64(n), 3, int64(padH), int64(padW)), f.in32, nil); err != nil {
		return err
	}
	if f.e.anyHalfInput {
		f.in16 = growHalf(f.in16, 3*plane*n)
		if in16, err = f.newTensor(ort.NewShape(int64(n), 3, int64(padH), int64(padW)), nil, f.in16); err != nil {
			return err
		}
	}
	for _, m := range f.e.sessions {
		in := in32
		if m.spec.half {
			in = in16
		}
		f.inputs = append(f.inputs, []ort.Value{in})
		vals := make([]ort.Value, len(m.outputs))
		bufs := make([]outputBuffer, len(m.outputs))
		for i, o := range m.outputs {
			ch := 1
			if o.name == outputNormals {
				ch = 3
			}
			b := &bufs[i]
			b.channels = ch
			shape := ort.NewShape(int64(n), int64(ch), int64(padH), int64(padW))
			if o.half {
				b.f16 = make([]uint16, n*ch*plane)
			} else {
				b.f32 = make([]float32, n*ch*plane)
			}
			if vals[i], err = f.newTensor(shape, b.f32, b.f16); err != nil {
				return err
			}
		}
		f.outputs = append(f.outputs, vals)
		f.outData = append(f.outData, bufs)
	}
	f.padW, f.padH = padW, padH
	return nil
}

// newTensor wraps Go memory in a runtime tensor (float32, or float16 through a custom-data
// tensor, which is how onnxruntime_go passes 16-bit floats) and remembers it for Destroy.
func (f *Frame) newTensor(shape ort.Shape, f32 []float32, f16 []uint16) (ort.Value, error) {
	var t ort.Value
	var err error
	if f16 != nil {
		raw := unsafe.Slice((*byte)(unsafe.Pointer(&f16[0])), 2*len(f16))
		t, err = ort.NewCustomDataTensor(shape, raw, ort.TensorElementDataTypeFloat16)
	} else {
		t, err = ort.NewTensor(shape, f32)
	}
	if err != nil {
		f.destroyTensors()
		return nil, fmt.Errorf("%w: creating a %v tensor: %v", ErrRuntime, shape, err)
	}
	f.tensors = append(f.tensors, t)
	return t, nil
}
