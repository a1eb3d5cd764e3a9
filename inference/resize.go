package inference

// The resize kernels run PyTorch's separable order: along the width first (into a float32
// intermediate), then along the height, each sum accumulated in float32 tap by tap, so the results
// match torchvision's resize(..., BILINEAR, antialias=True) up to float rounding.

// roundMagic is 1.5*2^23: adding and subtracting it rounds a float32 below 2^22 to the nearest
// integer, ties to even, as torch.round does before torchvision casts back to uint8.
const roundMagic = 12582912

// resizeRGB8 resamples packed 8-bit RGB src to dst's size; tmp is reusable scratch.
func resizeRGB8(src, dst *RGB, px, py *resamplePlan, tmp *[]float32) {
	row := dst.Width * 3
	// One scratch holds the width pass's rows and, after them, the height pass's accumulator.
	all := growScratch(tmp, src.Height*row+row)
	mid, acc := all[:src.Height*row], all[src.Height*row:]
	for y := range src.Height {
		horizontalBytes(src.Pix[y*src.Width*3:(y+1)*src.Width*3], mid[y*row:(y+1)*row], px)
	}
	if py.identity() {
		storeRounded(mid, dst.Pix)
		return
	}
	for y := range dst.Height {
		verticalTaps(mid, row, y, py, acc)
		storeRounded(acc, dst.Pix[y*row:(y+1)*row])
	}
}

// resizeFloat resamples interleaved float32 src (sw x sh, ch channels) into dst (dw x dh).
func resizeFloat(src []float32, sw, sh, ch int, dst []float32, dw, dh int, px, py *resamplePlan, tmp *[]float32) {
	row := dw * ch
	mid := src
	if !px.identity() {
		mid = growScratch(tmp, sh*row)
		for y := range sh {
			horizontalFloats(src[y*sw*ch:(y+1)*sw*ch], mid[y*row:(y+1)*row], ch, px)
		}
	}
	if py.identity() {
		copy(dst[:dh*row], mid)
		return
	}
	for y := range dh {
		verticalTaps(mid, row, y, py, dst[y*row:(y+1)*row])
	}
}

// horizontalBytes resamples one packed RGB row into float32.
func horizontalBytes(src []byte, dst []float32, p *resamplePlan) {
	if p.identity() {
		for i, v := range src[:len(dst)] {
			dst[i] = float32(v)
		}
		return
	}
	for x := range p.out {
		n := int(p.count[x])
		w := p.weights[x*p.taps : x*p.taps+n]
		s := src[int(p.start[x])*3 : (int(p.start[x])+n)*3]
		var r, g, b float32
		for j, wj := range w {
			px := s[j*3 : j*3+3 : j*3+3]
			r += float32(px[0]) * wj
			g += float32(px[1]) * wj
			b += float32(px[2]) * wj
		}
		d := dst[x*3 : x*3+3 : x*3+3]
		d[0], d[1], d[2] = r, g, b
	}
}

// horizontalFloats resamples one interleaved float32 row with ch (1 or 3) channels.
func horizontalFloats(src, dst []float32, ch int, p *resamplePlan) {
	if ch == 1 {
		for x := range p.out {
			n := int(p.count[x])
			w := p.weights[x*p.taps : x*p.taps+n]
			s := src[p.start[x] : int(p.start[x])+n]
			var v float32
			for j, wj := range w {
				v += s[j] * wj
			}
			dst[x] = v
		}
		return
	}
	for x := range p.out {
		n := int(p.count[x])
		w := p.weights[x*p.taps : x*p.taps+n]
		s := src[int(p.start[x])*3 : (int(p.start[x])+n)*3]
		var a, b, c float32
		for j, wj := range w {
			px := s[j*3 : j*3+3 : j*3+3]
			a += px[0] * wj
			b += px[1] * wj
			c += px[2] * wj
		}
		d := dst[x*3 : x*3+3 : x*3+3]
		d[0], d[1], d[2] = a, b, c
	}
}

// verticalTaps writes output row y of the height pass: the weighted sum of mid's rows.
func verticalTaps(mid []float32, row, y int, p *resamplePlan, dst []float32) {
	n := int(p.count[y])
	w := p.weights[y*p.taps : y*p.taps+n]
	lo := int(p.start[y])
	dst = dst[:row]
	first := mid[lo*row : (lo+1)*row]
	w0 := w[0]
	for i, v := range first {
		dst[i] = v * w0
	}
	for j := 1; j < n; j++ {
		src := mid[(lo+j)*row : (lo+j+1)*row]
		wj := w[j]
		for i, v := range src {
			dst[i] += v * wj
		}
	}
}

// storeRounded rounds half to even and saturates to uint8.
func storeRounded(src []float32, dst []byte) {
	dst = dst[:len(src)]
	for i, v := range src {
		v = (v + roundMagic) - roundMagic
		switch {
		case v <= 0:
			dst[i] = 0
		case v >= 255:
			dst[i] = 255
		default:
			dst[i] = byte(v)
		}
	}
}

// growScratch returns *buf with at least n elements, growing it once per geometry.
func growScratch(buf *[]float32, n int) []float32 {
	if cap(*buf) < n {
		*buf = make([]float32, n, n+n/4)
	}
	*buf = (*buf)[:n]
	return *buf
}
