package inference

// #include "kernels.h"
import "C"

// Wrappers of the pointwise kernels in kernels.c; each checks its slices, since the C loops
// do no bounds checks. The Go loops they replaced live on in pointwise_reference_test.go.

// roundRow rounds a row of resampled sums half to even into saturated bytes.
func roundRow(sums []float32, dst []byte) {
	if len(sums) == 0 {
		return
	}
	_ = dst[len(sums)-1]
	C.dn_round_bytes((*C.float)(&sums[0]), (*C.uint8_t)(&dst[0]), C.int(len(sums)))
}

// splitNormalise writes w packed RGB pixels as three planes of x/255*2-1.
func splitNormalise(rgb []byte, r, g, b []float32, w int) {
	if w == 0 {
		return
	}
	_, _, _, _ = rgb[3*w-1], r[w-1], g[w-1], b[w-1]
	C.dn_split_normalise((*C.uint8_t)(&rgb[0]), (*C.float)(&r[0]), (*C.float)(&g[0]), (*C.float)(&b[0]), C.int(w))
}

// depthUnit clips src to [-1,1], maps it by (d+1)/2 into dst and widens [lo,hi] to cover it;
// it returns how many values were NaN or infinite, which come out NaN.
func depthUnit(src, dst []float32, lo, hi *float32) int {
	if len(src) == 0 {
		return 0
	}
	_ = dst[len(src)-1]
	return int(C.dn_depth_unit((*C.float)(&src[0]), (*C.float)(&dst[0]), C.int(len(src)), (*C.float)(lo), (*C.float)(hi)))
}

// stretch maps v to (v-lo)*inv in place.
func stretch(v []float32, lo, inv float32) {
	if len(v) == 0 {
		return
	}
	C.dn_stretch((*C.float)(&v[0]), C.int(len(v)), C.float(lo), C.float(inv))
}

// clip01 clips v to [0,1] in place; NaN stays NaN.
func clip01(v []float32) {
	if len(v) == 0 {
		return
	}
	C.dn_clip01((*C.float)(&v[0]), C.int(len(v)))
}

// unitInterleave divides the planar normals x, y, z by (|n|+1e-5) into interleaved dst and
// returns how many pixels had a non-finite length (they come out NaN).
func unitInterleave(x, y, z, dst []float32) int {
	n := len(x)
	if n == 0 {
		return 0
	}
	_, _, _ = y[n-1], z[n-1], dst[3*n-1]
	return int(C.dn_unit_interleave((*C.float)(&x[0]), (*C.float)(&y[0]), (*C.float)(&z[0]), (*C.float)(&dst[0]), C.int(n)))
}

// toOptical renormalises interleaved normals to unit length (zero where the length is not
// above 1e-12, NaN where it is NaN) and applies the convention's signs.
func toOptical(n []float32, signs [3]float32) {
	if len(n) < 3 {
		return
	}
	C.dn_to_optical((*C.float)(&n[0]), C.int(len(n)/3), C.float(signs[0]), C.float(signs[1]), C.float(signs[2]))
}
