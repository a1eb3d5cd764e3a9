package depthcodec

import (
	"fmt"
	"math"
)

// The publisher's defaults (its dynamic_reconfigure ranges are [1, 100] m
// and [1, 150]).
const (
	// DefaultDepthMax is depth_max: depth at or beyond it is sent as invalid.
	DefaultDepthMax = 10.0
	// DefaultQuantization is depth_quantization: the depth (m) at which one
	// quantisation step is 1 m.
	DefaultQuantization = 100.0
)

// Quantizer maps depth to the 16-bit inverse depth of the format, with the
// plug-in's float32 arithmetic:
//
//	A = Z0*(Z0+1), B = 1 - A/depthMax   (Z0 = depth_quantization)
//	q = uint16(A/d + B), truncated,     for 0 < d < depthMax
//	q = 0 (invalid)                     otherwise
//	d = A/(q - B)                       when decoding q != 0
//
// so depthMax maps to q = 1 and a step of q is d^2/A metres at depth d.
type Quantizer struct {
	A, B     float32
	depthMax float32
}

// NewQuantizer checks the parameters and derives A and B.
func NewQuantizer(depthMax, quantization float64) (Quantizer, error) {
	if !(depthMax > 0 && depthMax <= math.MaxFloat32) {
		return Quantizer{}, fmt.Errorf("%w: depth_max = %g: want a finite depth > 0 m", ErrConfig, depthMax)
	}
	if !(quantization > 0 && quantization <= 1e6) {
		return Quantizer{}, fmt.Errorf("%w: depth_quantization = %g: want a depth in (0, 1e6] m", ErrConfig, quantization)
	}
	z0, dmax := float32(quantization), float32(depthMax)
	a := z0 * (z0 + 1)
	return Quantizer{A: a, B: 1 - a/dmax, depthMax: dmax}, nil
}

// Header is the ConfigHeader that goes with the quantiser.
func (q Quantizer) Header() Header {
	return Header{Format: InvDepth, DepthQuantA: q.A, DepthQuantB: q.B}
}

// MinDepth is the nearest depth with its own code: nearer depth is sent
// as 65535, which decodes to MinDepth. (The plug-in's float-to-uint16
// conversion overflows there and wraps, which is undefined behaviour in C++;
// saturating keeps a near obstacle near.)
func (q Quantizer) MinDepth() float32 { return q.A / (65535 - q.B) }

// Quantize returns the code of depth d; NaN, infinite, non-positive depth
// and depth at or beyond depthMax give 0.
func (q Quantizer) Quantize(d float32) uint16 {
	if !(d > 0 && d < q.depthMax) {
		return 0
	}
	v := q.A/d + q.B
	if v >= 65535 {
		return 65535
	}
	// v > 1 here (d < depthMax), so the conversion truncates as C++'s does.
	return uint16(v)
}

// Dequantize returns the depth of code c, NaN for 0, as the subscriber does.
func Dequantize(h Header, c uint16) float32 {
	if c == 0 {
		return float32(math.NaN())
	}
	return h.DepthQuantA / (float32(c) - h.DepthQuantB)
}
