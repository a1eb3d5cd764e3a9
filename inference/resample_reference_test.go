package inference

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The portable Go loops the C kernels replaced, kept as the test's second implementation: same
// sums, same order, so the C results must match them bit for bit (torchvision is the
// independent check of both, in resize_golden_test.go). Each product is converted to float32
// explicitly: Go may otherwise fuse a*b+c into one rounding on arm64, which the C (built
// without contraction) and PyTorch do not.

// refHorizontal3Bytes is refHorizontal3 reading packed uint8 RGB directly.
func refHorizontal3Bytes(src []byte, dst []float32, p *resamplePlan) {
	dst = dst[:p.out*3]
	ws, taps := p.weights, p.taps
	for x := 0; x < p.out; x++ {
		i, k, n := int(p.start[x])*3, x*taps, int(p.count[x])
		d := dst[x*3 : x*3+3 : x*3+3]
		switch n {
		case 2:
			w0, w1 := ws[k], ws[k+1]
			s := src[i : i+6 : i+6]
			d[0] = float32(byteToFloat[s[0]]*w0) + float32(byteToFloat[s[3]]*w1)
			d[1] = float32(byteToFloat[s[1]]*w0) + float32(byteToFloat[s[4]]*w1)
			d[2] = float32(byteToFloat[s[2]]*w0) + float32(byteToFloat[s[5]]*w1)
		case 3:
			w0, w1, w2 := ws[k], ws[k+1], ws[k+2]
			s := src[i : i+9 : i+9]
			d[0] = float32(byteToFloat[s[0]]*w0) + float32(byteToFloat[s[3]]*w1) + float32(byteToFloat[s[6]]*w2)
			d[1] = float32(byteToFloat[s[1]]*w0) + float32(byteToFloat[s[4]]*w1) + float32(byteToFloat[s[7]]*w2)
			d[2] = float32(byteToFloat[s[2]]*w0) + float32(byteToFloat[s[5]]*w1) + float32(byteToFloat[s[8]]*w2)
		case 4:
			w0, w1, w2, w3 := ws[k], ws[k+1], ws[k+2], ws[k+3]
			s := src[i : i+12 : i+12]
			d[0] = float32(byteToFloat[s[0]]*w0) + float32(byteToFloat[s[3]]*w1) + float32(byteToFloat[s[6]]*w2) + float32(byteToFloat[s[9]]*w3)
			d[1] = float32(byteToFloat[s[1]]*w0) + float32(byteToFloat[s[4]]*w1) + float32(byteToFloat[s[7]]*w2) + float32(byteToFloat[s[10]]*w3)
			d[2] = float32(byteToFloat[s[2]]*w0) + float32(byteToFloat[s[5]]*w1) + float32(byteToFloat[s[8]]*w2) + float32(byteToFloat[s[11]]*w3)
		default:
			var r, g, b float32
			s := src[i : i+3*n]
			for j, wj := range ws[k : k+n] {
				px := s[j*3 : j*3+3 : j*3+3]
				r += float32(byteToFloat[px[0]] * wj)
				g += float32(byteToFloat[px[1]] * wj)
				b += float32(byteToFloat[px[2]] * wj)
			}
			d[0], d[1], d[2] = r, g, b
		}
	}
}

// refHorizontal1 resamples one single-channel row.
func refHorizontal1(src, dst []float32, p *resamplePlan) {
	dst = dst[:p.out]
	ws, taps := p.weights, p.taps
	for x := range dst {
		lo, k := int(p.start[x]), x*taps
		switch p.count[x] {
		case 2:
			dst[x] = float32(src[lo]*ws[k]) + float32(src[lo+1]*ws[k+1])
		case 3:
			dst[x] = float32(src[lo]*ws[k]) + float32(src[lo+1]*ws[k+1]) + float32(src[lo+2]*ws[k+2])
		default:
			var v float32
			for j, wj := range ws[k : k+int(p.count[x])] {
				v += float32(src[lo+j] * wj)
			}
			dst[x] = v
		}
	}
}

// refHorizontal3 resamples one interleaved 3-channel row.
func refHorizontal3(src, dst []float32, p *resamplePlan) {
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
			d[0] = float32(s[0]*w0) + float32(s[3]*w1)
			d[1] = float32(s[1]*w0) + float32(s[4]*w1)
			d[2] = float32(s[2]*w0) + float32(s[5]*w1)
		case 3:
			w0, w1, w2 := w[0], w[1], w[2]
			s = s[:9:9]
			d[0] = float32(s[0]*w0) + float32(s[3]*w1) + float32(s[6]*w2)
			d[1] = float32(s[1]*w0) + float32(s[4]*w1) + float32(s[7]*w2)
			d[2] = float32(s[2]*w0) + float32(s[5]*w1) + float32(s[8]*w2)
		case 4:
			w0, w1, w2, w3 := w[0], w[1], w[2], w[3]
			s = s[:12:12]
			d[0] = float32(s[0]*w0) + float32(s[3]*w1) + float32(s[6]*w2) + float32(s[9]*w3)
			d[1] = float32(s[1]*w0) + float32(s[4]*w1) + float32(s[7]*w2) + float32(s[10]*w3)
			d[2] = float32(s[2]*w0) + float32(s[5]*w1) + float32(s[8]*w2) + float32(s[11]*w3)
		default:
			var r, g, b float32
			for j, wj := range w {
				px := s[j*3 : j*3+3 : j*3+3]
				r += float32(px[0] * wj)
				g += float32(px[1] * wj)
				b += float32(px[2] * wj)
			}
			d[0], d[1], d[2] = r, g, b
		}
	}
}

// refVertical writes the weighted sum of rows (the height pass's window) into dst.
func refVertical(rows [][]float32, w []float32, dst []float32) {
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
			dst[i] = float32(a[i]*w0) + float32(b[i]*w1)
		}
		return
	case 3:
		a, b, c, w0, w1, w2 := r(0), r(1), r(2), w[0], w[1], w[2]
		for i := range dst {
			dst[i] = float32(a[i]*w0) + float32(b[i]*w1) + float32(c[i]*w2)
		}
		return
	}
	// Four taps and more: pairs of rows per pass over dst, keeping PyTorch's left-to-right order.
	a, b, w0, w1 := r(0), r(1), w[0], w[1]
	for i := range dst {
		dst[i] = float32(a[i]*w0) + float32(b[i]*w1)
	}
	j := 2
	for ; j+1 < n; j += 2 {
		a, b, w0, w1 := r(j), r(j+1), w[j], w[j+1]
		for i := range dst {
			dst[i] = dst[i] + float32(a[i]*w0) + float32(b[i]*w1)
		}
	}
	if j < n {
		a, w0 := r(j), w[j]
		for i := range dst {
			dst[i] += float32(a[i] * w0)
		}
	}
}

func TestResampleKernelsMatchGoLoops(t *testing.T) { forEachKernelISA(t, checkResampleKernels) }

func checkResampleKernels(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	cases := []struct{ in, out int }{
		{1280, 768}, {640, 768}, {768, 1280}, {576, 480}, {432, 720}, {4000, 768}, {3000, 576},
		{7, 5}, {5, 7}, {1, 9}, {9, 1}, {1, 1}, {300, 299}, {299, 300}, {33, 1000}, {1000, 33},
	}
	for _, c := range cases {
		p := newResamplePlan(c.in, c.out)
		src := make([]float32, c.in*3)
		bytes := make([]byte, c.in*3)
		for i := range src {
			src[i] = rng.Float32()*4 - 2
			bytes[i] = byte(rng.IntN(256))
		}
		got, want := make([]float32, c.out*3), make([]float32, c.out*3)
		horizontal1(src, got, p)
		refHorizontal1(src, want, p)
		sameFloats(t, "horizontal1", c.in, c.out, got[:c.out], want[:c.out])
		horizontal3(src, got, p)
		refHorizontal3(src, want, p)
		sameFloats(t, "horizontal3", c.in, c.out, got, want)
		horizontal3Bytes(bytes, make([]float32, c.in*3), got, p)
		refHorizontal3Bytes(bytes, want, p)
		sameFloats(t, "horizontal3Bytes", c.in, c.out, got, want)

		// The height pass over a window of p's widest taps, rows scattered in a ring.
		const row = 37
		ring := make([]float32, (p.taps+2)*row)
		for i := range ring {
			ring[i] = rng.Float32()*4 - 2
		}
		vGot, vWant := make([]float32, row), make([]float32, row)
		for y := range c.out {
			n := int(p.count[y])
			offs, rows := make([]int64, n), make([][]float32, n)
			for j := range offs {
				slot := (int(p.start[y]) + j) % (p.taps + 2)
				offs[j] = int64(slot * row)
				rows[j] = ring[slot*row : (slot+1)*row]
			}
			w := p.weights[y*p.taps : y*p.taps+n]
			vertical(ring, offs, w, vGot)
			refVertical(rows, w, vWant)
			sameFloats(t, "vertical", c.in, c.out, vGot, vWant)
		}
	}
}

// sameFloats fails unless got and want are equal value for value (a zero's sign aside).
func sameFloats(t *testing.T, kernel string, in, out int, got, want []float32) {
	t.Helper()
	for i := range want {
		if got[i] != want[i] && !(math.IsNaN(float64(got[i])) && math.IsNaN(float64(want[i]))) {
			t.Fatalf("%s %d->%d: value %d = %g, Go loop gives %g", kernel, in, out, i, got[i], want[i])
		}
	}
}
