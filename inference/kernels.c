// The kernels of kernels.h, built twice on x86-64 (baseline SSE2 and AVX2) and picked once at
// load time, so one binary runs on any x86-64 CPU and uses 8-wide vectors where it can; built
// once, with NEON, on AArch64 (Jetson).
#include "kernels.h"

// Built with -std=c11 (resample_native.go): in ISO mode GCC does not contract a*b+c into a
// fused multiply-add, which rounds once where Go and PyTorch round twice (cgo refuses
// -ffp-contract=off itself).
#if defined(__x86_64__)
#include <immintrin.h>
#elif defined(__aarch64__)
#include <arm_neon.h>
#endif

// Nothing here reads floating-point exception flags, so selects may evaluate both sides: GCC
// otherwise refuses to vectorise a loop with a guarded division.
#pragma GCC optimize("no-trapping-math")

// GCC's target pragmas build the AVX2 copy; other compilers (clang ignores them) get the
// baseline only.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#pragma GCC push_options
#pragma GCC target("avx2")
#define SFX(name) name##_avx2
#define DN_VEC 8
#include "kernels_resample.h"
#include "kernels_pointwise.h"
#undef DN_VEC
#undef SFX
#pragma GCC pop_options
#define DN_DISPATCH 1
#endif

#define SFX(name) name##_base
#if defined(__x86_64__) || defined(__aarch64__)
#define DN_VEC 4 // SSE2 is part of x86-64, NEON of AArch64
#else
#define DN_VEC 1
#endif
#include "kernels_resample.h"
#include "kernels_pointwise.h"
#undef DN_VEC
#undef SFX

#ifdef DN_DISPATCH
static int dn_avx2;

__attribute__((constructor)) static void dn_pick_kernels(void) {
	__builtin_cpu_init();
	dn_avx2 = __builtin_cpu_supports("avx2");
}
#define DN_CALL(name, ...) (dn_avx2 ? name##_avx2(__VA_ARGS__) : name##_base(__VA_ARGS__))

int dn_use_baseline(int on) {
	dn_avx2 = !on && __builtin_cpu_supports("avx2");
	return dn_avx2;
}

const char *dn_kernel_isa(void) { return dn_avx2 ? "avx2" : "sse2"; }
#else
#define DN_CALL(name, ...) name##_base(__VA_ARGS__)

int dn_use_baseline(int on) {
	(void)on;
	return 0;
}

#if defined(__aarch64__)
const char *dn_kernel_isa(void) { return "neon"; }
#else
const char *dn_kernel_isa(void) { return "portable C"; }
#endif
#endif

void dn_vertical(const float *base, const int64_t *offs, int n, const float *w, float *dst, int len) {
	DN_CALL(vertical, base, offs, n, w, dst, len);
}

void dn_horizontal1(const float *src, float *dst, int out, int taps,
                    const int32_t *start, const int32_t *count, const float *weights) {
	DN_CALL(horizontal1, src, dst, out, taps, start, count, weights);
}

void dn_horizontal3(const float *src, float *dst, int in, int out, int taps,
                    const int32_t *start, const int32_t *count, const float *weights) {
	DN_CALL(horizontal3, src, dst, in, out, taps, start, count, weights);
}

void dn_horizontal3_bytes(const uint8_t *src, float *tmp, float *dst, int in, int out, int taps,
                          const int32_t *start, const int32_t *count, const float *weights) {
	DN_CALL(horizontal3_bytes, src, tmp, dst, in, out, taps, start, count, weights);
}

void dn_round_bytes(const float *sums, uint8_t *dst, int n) { DN_CALL(round_bytes, sums, dst, n); }

void dn_split_normalise(const uint8_t *rgb, float *r, float *g, float *b, int w) {
	DN_CALL(split_normalise, rgb, r, g, b, w);
}

int dn_depth_unit(const float *src, float *dst, int n, float *lo, float *hi) {
	return DN_CALL(depth_unit, src, dst, n, lo, hi);
}

void dn_stretch(float *v, int n, float lo, float inv) { DN_CALL(stretch, v, n, lo, inv); }

void dn_clip01(float *v, int n) { DN_CALL(clip01, v, n); }

int dn_unit_interleave(const float *x, const float *y, const float *z, float *dst, int n) {
	return DN_CALL(unit_interleave, x, y, z, dst, n);
}

void dn_to_optical(float *v, int n, float sx, float sy, float sz) {
	DN_CALL(to_optical, v, n, sx, sy, sz);
}
