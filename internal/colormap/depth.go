package colormap

// DepthTurboBGR colours relative depth in [0,1] with Turbo into packed BGR
// (3 bytes per value, for bgr8 images). The range is fixed, so colours do not
// flicker from frame to frame; values outside [0,1] clamp, NaN becomes black.
// dst is reused when it has the capacity and the result is returned.
func DepthTurboBGR(depth []float32, dst []byte) []byte {
	return depthTurbo(depth, dst, 2, 1, 0)
}

// DepthTurboRGB is DepthTurboBGR with the channels in RGB order.
func DepthTurboRGB(depth []float32, dst []byte) []byte {
	return depthTurbo(depth, dst, 0, 1, 2)
}

// TurboIndex is the lookup-table level (0..255) a depth value maps to, and
// false for NaN. Levels are round(d*255) as OpenCV quantises 8-bit input.
func TurboIndex(d float32) (int, bool) {
	if d != d {
		return 0, false
	}
	if !(d > 0) {
		return 0, true
	}
	if d >= 1 {
		return 255, true
	}
	return int(d*255 + 0.5), true
}

// TurboRGB is the Turbo colour of lookup-table level i (0..255, clamped).
func TurboRGB(i int) (r, g, b uint8) {
	i = min(max(i, 0), 255)
	c := turboRGB[i]
	return c[0], c[1], c[2]
}

func depthTurbo(depth []float32, dst []byte, c0, c1, c2 int) []byte {
	dst = grow(dst, 3*len(depth))
	for i, d := range depth {
		p := dst[3*i : 3*i+3 : 3*i+3]
		idx, ok := TurboIndex(d)
		if !ok {
			p[0], p[1], p[2] = 0, 0, 0
			continue
		}
		c := &turboRGB[idx]
		p[0], p[1], p[2] = c[c0], c[c1], c[c2]
	}
	return dst
}

// grow returns dst with length n, reusing its backing array when it fits.
func grow(dst []byte, n int) []byte {
	if cap(dst) >= n {
		return dst[:n]
	}
	return make([]byte, n)
}
