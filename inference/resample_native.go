package inference

// // The flags hold for every C file of the package (kernels.c): -std=c11 keeps GCC from
// // fusing multiply-adds, libm serves the scalar sqrtf.
// #cgo CFLAGS: -O3 -std=c11
// #cgo LDFLAGS: -lm
// #include "kernels.h"
import "C"

import "unsafe"

// The resize passes run in C (kernels.c): Go does not vectorise, and these loops are most of
// the pre- and postprocessing time. The C sums keep PyTorch's order and no fused multiply-add,
// so results are bit-identical to the Go loops in resample_reference_test.go.

// vertical writes the weighted sum of the window's rows (base[offs[j]:]) into dst.
func vertical(base []float32, offs []int64, w []float32, dst []float32) {
	n := len(offs)
	if n == 0 || len(dst) == 0 {
		return
	}
	for _, o := range offs {
		if int(o) < 0 || int(o)+len(dst) > len(base) {
			panic("inference: vertical row out of range")
		}
	}
	_ = w[n-1]
	C.dn_vertical((*C.float)(&base[0]), (*C.int64_t)(unsafe.Pointer(&offs[0])), C.int(n),
		(*C.float)(&w[0]), (*C.float)(&dst[0]), C.int(len(dst)))
}

// horizontal1 resamples one single-channel row.
func horizontal1(src, dst []float32, p *resamplePlan) {
	p.checkRow(len(src), len(dst), 1)
	C.dn_horizontal1((*C.float)(&src[0]), (*C.float)(&dst[0]), C.int(p.out), C.int(p.taps),
		(*C.int32_t)(unsafe.Pointer(&p.start[0])), (*C.int32_t)(unsafe.Pointer(&p.count[0])), (*C.float)(&p.weights[0]))
}

// horizontal3 resamples one interleaved 3-channel row.
func horizontal3(src, dst []float32, p *resamplePlan) {
	p.checkRow(len(src), len(dst), 3)
	C.dn_horizontal3((*C.float)(&src[0]), (*C.float)(&dst[0]), C.int(p.in), C.int(p.out), C.int(p.taps),
		(*C.int32_t)(unsafe.Pointer(&p.start[0])), (*C.int32_t)(unsafe.Pointer(&p.count[0])), (*C.float)(&p.weights[0]))
}

// horizontal3Bytes is horizontal3 reading packed uint8 RGB, widened to floats in tmp (3*p.in).
func horizontal3Bytes(src []byte, tmp, dst []float32, p *resamplePlan) {
	p.checkRow(len(src), len(dst), 3)
	p.checkRow(len(tmp), len(dst), 3)
	C.dn_horizontal3_bytes((*C.uint8_t)(&src[0]), (*C.float)(&tmp[0]), (*C.float)(&dst[0]), C.int(p.in), C.int(p.out), C.int(p.taps),
		(*C.int32_t)(unsafe.Pointer(&p.start[0])), (*C.int32_t)(unsafe.Pointer(&p.count[0])), (*C.float)(&p.weights[0]))
}

// checkRow guards the C loops, which do no bounds checks: a row too short for the plan is a
// programming error, so it panics like Go's own indexing would.
func (p *resamplePlan) checkRow(srcLen, dstLen, ch int) {
	if srcLen < p.in*ch || dstLen < p.out*ch || p.out == 0 {
		panic("inference: resample row shorter than its plan")
	}
}
