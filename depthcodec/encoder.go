package depthcodec

import "fmt"

// MaxSide is the largest width or height Encode accepts.
const MaxSide = 1 << 15

// Encoder writes compressedDepth messages, keeping its code image, zlib
// state and row buffer between frames. It is not safe for concurrent use.
type Encoder struct {
	codes []uint16
	png   pngWriter
}

// Encode is Encoder.Encode with a fresh Encoder (allocating its state).
func Encode(depth []float32, w, h int, depthMax, quantization float64, dst []byte) ([]byte, error) {
	var e Encoder
	return e.Encode(depth, w, h, depthMax, quantization, dst)
}

// Encode appends the CompressedImage data of a w x h 32FC1 depth image
// (metres, row-major) to dst[:0] and returns it: the 12-byte header, then the
// PNG of the codes. Its format string is Format. The data aliases dst (grown
// when too small): goroslib serialises a message after Publisher.Write
// returns, so do not hand Encode a dst whose message may still be on its way;
// with a reused dst of sufficient capacity Encode makes no allocations.
func (e *Encoder) Encode(depth []float32, w, h int, depthMax, quantization float64, dst []byte) ([]byte, error) {
	if w < 1 || h < 1 || w > MaxSide || h > MaxSide {
		return dst[:0], fmt.Errorf("%w: size %dx%d: want 1..%d pixels a side", ErrInput, w, h, MaxSide)
	}
	if len(depth) != w*h {
		return dst[:0], fmt.Errorf("%w: %d depth values, want %dx%d = %d", ErrInput, len(depth), w, h, w*h)
	}
	q, err := NewQuantizer(depthMax, quantization)
	if err != nil {
		return dst[:0], err
	}
	if cap(e.codes) < w*h {
		e.codes = make([]uint16, w*h)
	}
	codes := e.codes[:w*h]
	for i, d := range depth {
		codes[i] = q.Quantize(d)
	}
	dst = q.Header().Append(dst[:0])
	return e.png.appendGray16(dst, codes, w, h), nil
}
