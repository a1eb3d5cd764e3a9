package inference

import "math"

// This file is an independent float64 transcription of the reference pipeline (e2e-ft.md steps
// 2-3 and 8-9), written straight from the formulas without the package's plans or kernels, so
// the tests can compare the engine's output against it.

// refWeights returns, for each output sample, the first input index and the normalised weights
// of PyTorch's antialiased bilinear filter.
func refWeights(in, out int) ([]int, [][]float64) {
	scale := float64(in) / float64(out)
	support, inv := 1.0, 1.0
	if scale >= 1 {
		support, inv = scale, 1/scale
	}
	starts := make([]int, out)
	weights := make([][]float64, out)
	for i := range out {
		center := scale * (float64(i) + 0.5)
		lo := max(int(center-support+0.5), 0)
		hi := min(int(center+support+0.5), in)
		var ws []float64
		total := 0.0
		for j := lo; j < hi; j++ {
			w := math.Max(0, 1-math.Abs((float64(j)-center+0.5)*inv))
			ws = append(ws, w)
			total += w
		}
		for k := range ws {
			ws[k] /= total
		}
		starts[i], weights[i] = lo, ws
	}
	return starts, weights
}

// refResize resamples a single-channel float64 plane, width first then height.
func refResize(src []float64, sw, sh, dw, dh int) []float64 {
	xs, xw := refWeights(sw, dw)
	ys, yw := refWeights(sh, dh)
	mid := make([]float64, dw*sh)
	for y := range sh {
		for x := range dw {
			for k, w := range xw[x] {
				mid[y*dw+x] += src[y*sw+xs[x]+k] * w
			}
		}
	}
	out := make([]float64, dw*dh)
	for y := range dh {
		for x := range dw {
			for k, w := range yw[y] {
				out[y*dw+x] += mid[(ys[y]+k)*dw+x] * w
			}
		}
	}
	return out
}

// refProcessed returns the three [-1,1] channel planes the model sees (before padding).
func refProcessed(img *RGB, res int) (planes [3][]float64, w, h int) {
	w, h = img.Width, img.Height
	if res > 0 {
		f := math.Min(float64(res)/float64(w), float64(res)/float64(h))
		w, h = int(float64(img.Width)*f), int(float64(img.Height)*f)
	}
	for c := range 3 {
		src := make([]float64, img.Width*img.Height)
		for i := range src {
			src[i] = float64(img.Pix[i*3+c])
		}
		r := src
		if w != img.Width || h != img.Height {
			r = refResize(src, img.Width, img.Height, w, h)
		}
		planes[c] = make([]float64, w*h)
		for i, v := range r {
			planes[c][i] = math.RoundToEven(math.Min(math.Max(v, 0), 255))/255*2 - 1
		}
	}
	return planes, w, h
}

// refDepth is the published depth for a model whose output is raw (at the processing size).
func refDepth(raw []float64, pw, ph, w, h int, stretch bool) []float64 {
	d := make([]float64, len(raw))
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, v := range raw {
		d[i] = (math.Min(math.Max(v, -1), 1) + 1) / 2
		lo, hi = math.Min(lo, d[i]), math.Max(hi, d[i])
	}
	if stretch {
		for i := range d {
			if hi > lo {
				d[i] = (d[i] - lo) / (hi - lo)
			} else {
				d[i] = 0
			}
		}
	}
	out := refResize(d, pw, ph, w, h)
	for i, v := range out {
		out[i] = math.Min(math.Max(v, 0), 1)
	}
	return out
}

// refNormals is the published optical-frame normals for raw native normals planes.
func refNormals(raw [3][]float64, pw, ph, w, h int, signs [3]float64) []float64 {
	var unit [3][]float64
	for c := range 3 {
		unit[c] = make([]float64, pw*ph)
	}
	for i := range pw * ph {
		n := math.Sqrt(raw[0][i]*raw[0][i]+raw[1][i]*raw[1][i]+raw[2][i]*raw[2][i]) + 1e-5
		for c := range 3 {
			unit[c][i] = raw[c][i] / n
		}
	}
	var big [3][]float64
	for c := range 3 {
		big[c] = refResize(unit[c], pw, ph, w, h)
	}
	out := make([]float64, w*h*3)
	for i := range w * h {
		l := math.Sqrt(big[0][i]*big[0][i] + big[1][i]*big[1][i] + big[2][i]*big[2][i])
		for c := range 3 {
			if l > 1e-12 {
				out[i*3+c] = big[c][i] / l * signs[c]
			}
		}
	}
	return out
}
