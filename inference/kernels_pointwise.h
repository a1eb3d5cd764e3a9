// Pointwise kernel bodies, included by kernels.c once per instruction set with SFX naming the
// variant. Branches are written as selects so the loops vectorise.

// roundMagic is 1.5*2^23: adding and subtracting it rounds a float below 2^22 to the nearest
// integer, ties to even (torch.round).
#define DN_ROUND_MAGIC 12582912.0f

static void SFX(round_bytes)(const float *sums, uint8_t *restrict dst, int n) {
	for (int i = 0; i < n; i++) {
		float v = (sums[i] + DN_ROUND_MAGIC) - DN_ROUND_MAGIC;
		v = v > 0 ? v : 0;
		v = v < 255 ? v : 255;
		dst[i] = (uint8_t)(int32_t)v;
	}
}

static void SFX(split_normalise)(const uint8_t *rgb, float *restrict r, float *restrict g,
                                 float *restrict b, int w) {
	for (int x = 0; x < w; x++) {
		r[x] = (float)rgb[3 * x] / 255.0f * 2.0f - 1.0f;
		g[x] = (float)rgb[3 * x + 1] / 255.0f * 2.0f - 1.0f;
		b[x] = (float)rgb[3 * x + 2] / 255.0f * 2.0f - 1.0f;
	}
}

// depth_unit returns how many of src were NaN or infinite; they come out NaN (invalid, as
// REP-118 marks depth) and leave [lo,hi] alone. d - d is 0 exactly for finite d.
static int SFX(depth_unit)(const float *src, float *restrict dst, int n, float *lo, float *hi) {
	float l = *lo, h = *hi;
	int bad = 0;
	for (int i = 0; i < n; i++) {
		float d = src[i];
		const int finite = (d - d) == 0.0f;
		bad += !finite;
		d = d < -1.0f ? -1.0f : d;
		d = d > 1.0f ? 1.0f : d;
		d = (d + 1.0f) * 0.5f;
		d = finite ? d : __builtin_nanf("");
		dst[i] = d;
		l = d < l ? d : l;
		h = d > h ? d : h;
	}
	*lo = l, *hi = h;
	return bad;
}

static void SFX(stretch)(float *v, int n, float lo, float inv) {
	for (int i = 0; i < n; i++) v[i] = (v[i] - lo) * inv;
}

static void SFX(clip01)(float *v, int n) {
	for (int i = 0; i < n; i++) {
		float d = v[i];
		d = d < 0.0f ? 0.0f : d;
		v[i] = d > 1.0f ? 1.0f : d;
	}
}

// sqrt_row takes the square root of l[0..m) in place. Compilers will not vectorise sqrtf
// while it may set errno (cgo refuses -fno-math-errno), so x86-64 and AArch64 use the vector
// instruction directly; every variant rounds correctly, so all give the same bits.
static void SFX(sqrt_row)(float *l, int m) {
	int i = 0;
#if DN_VEC == 8
	for (; i + 8 <= m; i += 8) _mm256_storeu_ps(l + i, _mm256_sqrt_ps(_mm256_loadu_ps(l + i)));
#elif DN_VEC == 4 && defined(__x86_64__)
	for (; i + 4 <= m; i += 4) _mm_storeu_ps(l + i, _mm_sqrt_ps(_mm_loadu_ps(l + i)));
#elif DN_VEC == 4 && defined(__aarch64__)
	for (; i + 4 <= m; i += 4) vst1q_f32(l + i, vsqrtq_f32(vld1q_f32(l + i)));
#endif
	for (; i < m; i++) l[i] = __builtin_sqrtf(l[i]);
}

// DN_CHUNK pixels' lengths are computed, rooted and applied per pass, on the stack.
#define DN_CHUNK 512

// unit_interleave returns how many pixels had a NaN or infinite component (or overflowed).
static int SFX(unit_interleave)(const float *x, const float *y, const float *z,
                                float *restrict dst, int n) {
	float l[DN_CHUNK];
	int bad = 0;
	for (int i0 = 0; i0 < n; i0 += DN_CHUNK) {
		const int m = n - i0 < DN_CHUNK ? n - i0 : DN_CHUNK;
		const float *xs = x + i0, *ys = y + i0, *zs = z + i0;
		float *d = dst + 3 * i0;
		for (int i = 0; i < m; i++) l[i] = xs[i] * xs[i] + ys[i] * ys[i] + zs[i] * zs[i];
		for (int i = 0; i < m; i++) bad += !((l[i] - l[i]) == 0.0f);
		SFX(sqrt_row)(l, m);
		for (int i = 0; i < m; i++) {
			const float s = 1.0f / (l[i] + 1e-5f);
			d[3 * i] = xs[i] * s, d[3 * i + 1] = ys[i] * s, d[3 * i + 2] = zs[i] * s;
		}
	}
	return bad;
}

static void SFX(to_optical)(float *v, int n, float sx, float sy, float sz) {
	float l[DN_CHUNK];
	for (int i0 = 0; i0 < n; i0 += DN_CHUNK) {
		const int m = n - i0 < DN_CHUNK ? n - i0 : DN_CHUNK;
		float *p = v + 3 * i0;
		for (int i = 0; i < m; i++) {
			const float a = p[3 * i], b = p[3 * i + 1], c = p[3 * i + 2];
			l[i] = a * a + b * b + c * c;
		}
		SFX(sqrt_row)(l, m);
		// Every operation runs unconditionally and only values are selected: GCC will not
		// if-convert a guarded division (it might trap), which would stop vectorisation.
		// A vanished normal is 0 (0*l with l >= 0); a NaN one (an invalid model output)
		// stays NaN in all three components.
		for (int i = 0; i < m; i++) {
			const int ok = l[i] > 1e-12f;
			const float inv = 1.0f / (ok ? l[i] : 1.0f);
			const float zero = 0.0f * l[i];
			const float a = p[3 * i] * inv * sx, b = p[3 * i + 1] * inv * sy, c = p[3 * i + 2] * inv * sz;
			p[3 * i] = ok ? a : zero;
			p[3 * i + 1] = ok ? b : zero;
			p[3 * i + 2] = ok ? c : zero;
		}
	}
}
