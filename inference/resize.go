package inference

// The resize kernels run PyTorch's separable order: along the width first (into a float32
// intermediate), then along the height, each sum accumulated in float32 tap by tap
// (((s0*w0 + s1*w1) + s2*w2) + ...), so the results match torchvision's resize(..., BILINEAR,
// antialias=True) up to float rounding. The common tap counts have unrolled loops: Go does not
// vectorise, so loop overhead is most of the cost of a 2-tap sum.

// roundMagic is 1.5*2^23: adding and subtracting it rounds a float32 below 2^22 to the nearest
// integer, ties to even, as torch.round does before torchvision casts back to uint8.
const roundMagic = 12582912

// byteToFloat converts a uint8 sample to float32 by table.
var byteToFloat = func() (t [256]float32) {
	for i := range t {
		t[i] = float32(i)
	}
	return t
}()

// resizeRGB8 resamples packed 8-bit RGB src to dstW x dstH. emit receives each output row's
// float sums (to round with roundRow) while they are still in cache.
func resizeRGB8(src *RGB, dstW, dstH int, px, py *resamplePlan, sc *resizeScratch, emit func(y int, sums []float32)) {
	srcRow := src.Width * 3
	acc := sc.accumulator(dstW * 3)
	sc.run(dstH, dstW*3, py,
		func(sy int, out []float32) {
			in := src.Pix[sy*srcRow : (sy+1)*srcRow]
			if px.identity() {
				for i, v := range in {
					out[i] = byteToFloat[v]
				}
				return
			}
			horizontal3Bytes(in, out, px)
		},
		func(int) []float32 { return acc },
		emit)
}

// horizontal3Bytes is horizontal3 reading packed uint8 RGB directly.
func horizontal3Bytes(src []byte, dst []float32, p *resamplePlan) {
	dst = dst[:p.out*3]
	ws, taps := p.weights, p.taps
	for x := 0; x < p.out; x++ {
		i, k, n := int(p.start[x])*3, x*taps, int(p.count[x])
		d := dst[x*3 : x*3+3 : x*3+3]
		switch n {
		case 2:
			w0, w1 := ws[k], ws[k+1]
			s := src[i : i+6 : i+6]
			d[0] = byteToFloat[s[0]]*w0 + byteToFloat[s[3]]*w1
			d[1] = byteToFloat[s[1]]*w0 + byteToFloat[s[4]]*w1
			d[2] = byteToFloat[s[2]]*w0 + byteToFloat[s[5]]*w1
		case 3:
			w0, w1, w2 := ws[k], ws[k+1], ws[k+2]
			s := src[i : i+9 : i+9]
			d[0] = byteToFloat[s[0]]*w0 + byteToFloat[s[3]]*w1 + byteToFloat[s[6]]*w2
			d[1] = byteToFloat[s[1]]*w0 + byteToFloat[s[4]]*w1 + byteToFloat[s[7]]*w2
			d[2] = byteToFloat[s[2]]*w0 + byteToFloat[s[5]]*w1 + byteToFloat[s[8]]*w2
		case 4:
			w0, w1, w2, w3 := ws[k], ws[k+1], ws[k+2], ws[k+3]
			s := src[i : i+12 : i+12]
			d[0] = byteToFloat[s[0]]*w0 + byteToFloat[s[3]]*w1 + byteToFloat[s[6]]*w2 + byteToFloat[s[9]]*w3
			d[1] = byteToFloat[s[1]]*w0 + byteToFloat[s[4]]*w1 + byteToFloat[s[7]]*w2 + byteToFloat[s[10]]*w3
			d[2] = byteToFloat[s[2]]*w0 + byteToFloat[s[5]]*w1 + byteToFloat[s[8]]*w2 + byteToFloat[s[11]]*w3
		default:
			var r, g, b float32
			s := src[i : i+3*n]
			for j, wj := range ws[k : k+n] {
				px := s[j*3 : j*3+3 : j*3+3]
				r += byteToFloat[px[0]] * wj
				g += byteToFloat[px[1]] * wj
				b += byteToFloat[px[2]] * wj
			}
			d[0], d[1], d[2] = r, g, b
		}
	}
}

// resizeFloat resamples interleaved float32 src (sw x sh, ch = 1 or 3) into dst (dw x dh).
func resizeFloat(src []float32, sw, sh, ch int, dst []float32, dw, dh int, px, py *resamplePlan, sc *resizeScratch) {
	row := dw * ch
	sc.run(dh, row, py,
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

// horizontal1 resamples one single-channel row.
func horizontal1(src, dst []float32, p *resamplePlan) {
	dst = dst[:p.out]
	ws, taps := p.weights, p.taps
	for x := range dst {
		lo, k := int(p.start[x]), x*taps
		switch p.count[x] {
		case 2:
			dst[x] = src[lo]*ws[k] + src[lo+1]*ws[k+1]
		case 3:
			dst[x] = src[lo]*ws[k] + src[lo+1]*ws[k+1] + src[lo+2]*ws[k+2]
		default:
			var v float32
			for j, wj := range ws[k : k+int(p.count[x])] {
				v += src[lo+j] * wj
			}
			dst[x] = v
		}
	}
}

// horizontal3 resamples one interleaved 3-channel row.
func horizontal3(src, dst []float32, p *resamplePlan) {
	dst = dst[:p.out*3]
	for x := 0; x < p.out; x++ {
		lo, n := int(p.start[x]), int(p.count[x])
		w := p.weights[x*p.taps : x*p.taps+n]
		s := src[lo*3 : (lo+n)*3]
		d := dst[x*3 : x*3+3 : x*3+3]
		switch n {
		case 2:
			w0, w1 := w[0], w[1]
			s = s[:6:6]
			d[0] = s[0]*w0 + s[3]*w1
			d[1] = s[1]*w0 + s[4]*w1
			d[2] = s[2]*w0 + s[5]*w1
		case 3:
			w0, w1, w2 := w[0], w[1], w[2]
			s = s[:9:9]
			d[0] = s[0]*w0 + s[3]*w1 + s[6]*w2
			d[1] = s[1]*w0 + s[4]*w1 + s[7]*w2
			d[2] = s[2]*w0 + s[5]*w1 + s[8]*w2
		case 4:
			w0, w1, w2, w3 := w[0], w[1], w[2], w[3]
			s = s[:12:12]
			d[0] = s[0]*w0 + s[3]*w1 + s[6]*w2 + s[9]*w3
			d[1] = s[1]*w0 + s[4]*w1 + s[7]*w2 + s[10]*w3
			d[2] = s[2]*w0 + s[5]*w1 + s[8]*w2 + s[11]*w3
		default:
			var r, g, b float32
			for j, wj := range w {
				px := s[j*3 : j*3+3 : j*3+3]
				r += px[0] * wj
				g += px[1] * wj
				b += px[2] * wj
			}
			d[0], d[1], d[2] = r, g, b
		}
	}
}

// vertical writes the weighted sum of rows (the height pass's window) into dst.
func vertical(rows [][]float32, w []float32, dst []float32) {
	n := len(rows)
	r := func(j int) []float32 { return rows[j][:len(dst)] }
	switch n {
	case 1:
		a, w0 := r(0), w[0]
		for i := range dst {
			dst[i] = a[i] * w0
		}
		return
	case 2:
		a, b, w0, w1 := r(0), r(1), w[0], w[1]
		for i := range dst {
			dst[i] = a[i]*w0 + b[i]*w1
		}
		return
	case 3:
		a, b, c, w0, w1, w2 := r(0), r(1), r(2), w[0], w[1], w[2]
		for i := range dst {
			dst[i] = a[i]*w0 + b[i]*w1 + c[i]*w2
		}
		return
	}
	// Four taps and more: pairs of rows per pass over dst, keeping PyTorch's left-to-right order.
	a, b, w0, w1 := r(0), r(1), w[0], w[1]
	for i := range dst {
		dst[i] = a[i]*w0 + b[i]*w1
	}
	j := 2
	for ; j+1 < n; j += 2 {
		a, b, w0, w1 := r(j), r(j+1), w[j], w[j+1]
		for i := range dst {
			dst[i] = dst[i] + a[i]*w0 + b[i]*w1
		}
	}
	if j < n {
		a, w0 := r(j), w[j]
		for i := range dst {
			dst[i] += a[i] * w0
		}
	}
}

// roundLevel rounds a resampled sum half to even and saturates it to uint8.
func roundLevel(v float32) byte {
	v = (v + roundMagic) - roundMagic
	if v <= 0 {
		return 0
	}
	if v >= 255 {
		return 255
	}
	return byte(v)
}

// roundRow rounds a row of sums into bytes.
func roundRow(sums []float32, dst []byte) {
	dst = dst[:len(sums)]
	for i, v := range sums {
		dst[i] = roundLevel(v)
	}
}
