package inference

// The resize kernels run PyTorch's separable order: along the width first (into a float32
// intermediate), then along the height, each sum accumulated in float32 tap by tap
// (((s0*w0 + s1*w1) + s2*w2) + ...), so the results match torchvision's resize(..., BILINEAR,
// antialias=True) up to float rounding. The per-row passes are C kernels (kernels.c) that the
// compiler vectorises; this file drives them.

// byteToFloat converts a uint8 sample to float32 by table.
var byteToFloat = func() (t [256]float32) {
	for i := range t {
		t[i] = float32(i)
	}
	return t
}()

// resizeRGB8 resamples packed 8-bit RGB src to output rows [y0, y1) of a dstW-wide image.
// emit receives each output row's float sums (to round with roundRow) while they are still in
// cache.
func resizeRGB8(src *RGB, dstW, y0, y1 int, px, py *resamplePlan, sc *resizeScratch, emit func(y int, sums []float32)) {
	srcRow := src.Width * 3
	acc := sc.accumulator(dstW * 3)
	wide := sc.widened(srcRow)
	sc.run(y0, y1, dstW*3, py,
		func(sy int, out []float32) {
			in := src.Pix[sy*srcRow : (sy+1)*srcRow]
			if px.identity() {
				for i, v := range in {
					out[i] = byteToFloat[v]
				}
				return
			}
			horizontal3Bytes(in, wide, out, px)
		},
		func(int) []float32 { return acc },
		emit)
}

// resizeFloat resamples interleaved float32 src (sw wide, ch = 1 or 3) into output rows
// [y0, y1) of dst (dw wide).
func resizeFloat(src []float32, sw, ch int, dst []float32, dw, y0, y1 int, px, py *resamplePlan, sc *resizeScratch) {
	row := dw * ch
	sc.run(y0, y1, row, py,
		func(sy int, out []float32) {
			in := src[sy*sw*ch : (sy+1)*sw*ch]
			switch {
			case px.identity():
				copy(out, in)
			case ch == 1:
				horizontal1(in, out, px)
			default:
				horizontal3(in, out, px)
			}
		},
		func(y int) []float32 { return dst[y*row : (y+1)*row] },
		nil)
}
