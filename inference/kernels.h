// The per-pixel loops of pre- and postprocessing, in C so the compiler can vectorise them
// (kernels.c). Every result is computed in float32 in the same order as the Go and PyTorch
// reference maths, with no fused multiply-add, so results are bit-identical to the Go loops
// they replace (resample_reference_test.go, pointwise_reference_test.go).
#ifndef DEPTHNODE_KERNELS_H
#define DEPTHNODE_KERNELS_H

#include <stdint.h>

// dn_vertical writes sum_j rows[j][i]*w[j] into dst[0..len), rows[j] = base + offs[j].
void dn_vertical(const float *base, const int64_t *offs, int n, const float *w, float *dst, int len);

// dn_horizontal1 resamples one single-channel float row.
void dn_horizontal1(const float *src, float *dst, int out, int taps,
                    const int32_t *start, const int32_t *count, const float *weights);

// dn_horizontal3 resamples one interleaved 3-channel float row.
void dn_horizontal3(const float *src, float *dst, int in, int out, int taps,
                    const int32_t *start, const int32_t *count, const float *weights);

// dn_horizontal3_bytes resamples one packed 8-bit RGB row into floats; tmp holds 3*in floats.
void dn_horizontal3_bytes(const uint8_t *src, float *tmp, float *dst, int in, int out, int taps,
                          const int32_t *start, const int32_t *count, const float *weights);

// dn_round_bytes rounds sums half to even and saturates them to uint8.
void dn_round_bytes(const float *sums, uint8_t *dst, int n);

// dn_split_normalise writes packed RGB bytes as planes of x/255*2-1.
void dn_split_normalise(const uint8_t *rgb, float *r, float *g, float *b, int w);

// dn_depth_unit clips src to [-1,1], maps it by (d+1)/2 into dst and widens [*lo,*hi] to it;
// non-finite values become NaN and are counted (the return value).
int dn_depth_unit(const float *src, float *dst, int n, float *lo, float *hi);

// dn_stretch maps v to (v-lo)*inv in place.
void dn_stretch(float *v, int n, float lo, float inv);

// dn_clip01 clips v to [0,1] in place (NaN stays NaN).
void dn_clip01(float *v, int n);

// dn_unit_interleave divides the planar normals (x,y,z) by (|n|+1e-5) into interleaved dst and
// returns how many pixels were not finite.
int dn_unit_interleave(const float *x, const float *y, const float *z, float *dst, int n);

// dn_to_optical renormalises interleaved normals and multiplies them by the signs; NaN stays NaN.
void dn_to_optical(float *v, int n, float sx, float sy, float sz);

// dn_kernel_isa names the instruction set the kernels run with ("avx2", "sse2", "neon",
// "portable C").
const char *dn_kernel_isa(void);

// dn_use_baseline switches to the baseline kernels (on) or back to the best the CPU has, and
// reports whether AVX2 is now in use. For tests: not safe while kernels run.
int dn_use_baseline(int on);

#endif
