// Resampling kernel bodies, included by kernels.c once per instruction set with SFX naming
// the variant. Loops run over independent outputs, so the compiler may vectorise them without
// changing any single sum's order.

static void SFX(vertical)(const float *base, const int64_t *offs, int n, const float *w,
                          float *restrict dst, int len) {
	const float *a = base + offs[0];
	if (n == 1) {
		const float w0 = w[0];
		for (int i = 0; i < len; i++) dst[i] = a[i] * w0;
		return;
	}
	const float *b = base + offs[1];
	if (n == 3) {
		const float *c = base + offs[2];
		const float w0 = w[0], w1 = w[1], w2 = w[2];
		for (int i = 0; i < len; i++) dst[i] = a[i] * w0 + b[i] * w1 + c[i] * w2;
		return;
	}
	{
		const float w0 = w[0], w1 = w[1];
		for (int i = 0; i < len; i++) dst[i] = a[i] * w0 + b[i] * w1;
	}
	// Four taps and more: pairs of rows per pass over dst, keeping the left-to-right order.
	int j = 2;
	for (; j + 1 < n; j += 2) {
		const float *p = base + offs[j], *q = base + offs[j + 1];
		const float w0 = w[j], w1 = w[j + 1];
		for (int i = 0; i < len; i++) dst[i] = dst[i] + p[i] * w0 + q[i] * w1;
	}
	if (j < n) {
		const float *p = base + offs[j];
		const float w0 = w[j];
		for (int i = 0; i < len; i++) dst[i] = dst[i] + p[i] * w0;
	}
}

static void SFX(horizontal1)(const float *src, float *restrict dst, int out, int taps,
                             const int32_t *start, const int32_t *count, const float *weights) {
	for (int x = 0; x < out; x++) {
		const float *s = src + start[x], *w = weights + (intptr_t)x * taps;
		const int n = count[x];
		if (n == 2) {
			dst[x] = s[0] * w[0] + s[1] * w[1];
			continue;
		}
		float v = 0;
		for (int j = 0; j < n; j++) v += s[j] * w[j];
		dst[x] = v;
	}
}

#ifndef DN_V4_TYPES
#define DN_V4_TYPES
// Four-lane vectors (GCC vector extensions: SSE on x86-64, NEON on arm64) carry one RGB pixel
// and a spare lane, so each tap is one multiply-add of three channels at once.
typedef float dn_v4f __attribute__((vector_size(16)));
typedef int32_t dn_v4i __attribute__((vector_size(16)));
#endif

static inline dn_v4f SFX(load4)(const float *p) {
	dn_v4f v;
	__builtin_memcpy(&v, p, sizeof v);
	return v;
}

// horizontal3 reads each tap's pixel as four floats (its RGB and the next pixel's R, which is
// ignored); windows that end at the row's last pixel, where that would overrun, run scalar.
static void SFX(horizontal3)(const float *src, float *restrict dst, int in, int out, int taps,
                             const int32_t *start, const int32_t *count, const float *weights) {
	for (int x = 0; x < out; x++) {
		const int lo = start[x], n = count[x];
		const float *s = src + 3 * lo, *w = weights + (intptr_t)x * taps;
		float *d = dst + 3 * x;
		if (lo + n >= in) {
			float r = 0, g = 0, b = 0;
			for (int j = 0; j < n; j++) {
				r += s[3 * j] * w[j];
				g += s[3 * j + 1] * w[j];
				b += s[3 * j + 2] * w[j];
			}
			d[0] = r, d[1] = g, d[2] = b;
			continue;
		}
		dn_v4f acc = SFX(load4)(s) * w[0];
		for (int j = 1; j < n; j++) acc = acc + SFX(load4)(s + 3 * j) * w[j];
		d[0] = acc[0], d[1] = acc[1], d[2] = acc[2];
	}
}

// horizontal3_bytes widens the row to floats once (vectorised) into tmp, then resamples it.
static void SFX(horizontal3_bytes)(const uint8_t *src, float *restrict tmp, float *restrict dst,
                                   int in, int out, int taps, const int32_t *start,
                                   const int32_t *count, const float *weights) {
	for (int i = 0; i < 3 * in; i++) tmp[i] = (float)src[i];
	SFX(horizontal3)(tmp, dst, in, out, taps, start, count, weights);
}
