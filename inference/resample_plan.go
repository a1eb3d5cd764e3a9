package inference

// resamplePlan holds the precomputed taps of one 1-D antialiased bilinear resampling, the way
// PyTorch's _upsample_bilinear2d_aa (torchvision resize with antialias=True) computes them: a
// triangle filter whose support widens by the shrink factor, weights in float32, normalised to
// sum 1. Computing them once per geometry keeps the per-pixel loops free of filter maths.
type resamplePlan struct {
	in, out int
	taps    int       // weights per output sample (the widest window)
	start   []int32   // first input index per output sample
	count   []int32   // used taps per output sample
	weights []float32 // out*taps, zero-padded
}

// identity reports whether the plan maps every sample onto itself (no resampling needed).
func (p *resamplePlan) identity() bool { return p.in == p.out }

// newResamplePlan computes the taps for resampling in samples to out samples.
func newResamplePlan(in, out int) *resamplePlan {
	// Mirrors area_pixel_compute_scale (align_corners=false) and _compute_weights_aa in float.
	scale := float32(in) / float32(out)
	support := float32(1)
	invScale := float32(1)
	if scale >= 1 {
		support = scale
		invScale = 1 / scale
	}
	// The widest window, sized as PyTorch sizes it (ceil(support)*2+1).
	taps := int(support)
	if float32(taps) < support {
		taps++
	}
	taps = taps*2 + 1
	p := &resamplePlan{
		in: in, out: out, taps: taps,
		start:   make([]int32, out),
		count:   make([]int32, out),
		weights: make([]float32, out*taps),
	}
	for i := range out {
		center := scale * (float32(i) + 0.5)
		lo := max(int(center-support+0.5), 0)
		hi := min(int(center+support+0.5), in)
		n := min(hi-lo, taps)
		w := p.weights[i*taps : i*taps+n]
		var total float32
		for j := range w {
			w[j] = triangle((float32(j+lo) - center + 0.5) * invScale)
			total += w[j]
		}
		if total != 0 {
			for j := range w {
				w[j] /= total
			}
		}
		// Zero-weight taps at either end add exactly 0 to PyTorch's sums (for finite inputs), so
		// dropping them changes no result and saves a third of the work when upscaling.
		first, last := 0, n
		for first < last && w[first] == 0 {
			first++
		}
		for last > first && w[last-1] == 0 {
			last--
		}
		if first == last {
			first, last = 0, min(1, n) // keep one (zero) tap: an all-zero window stays 0
		}
		copy(p.weights[i*taps:], w[first:last])
		clear(p.weights[i*taps+last-first : (i+1)*taps])
		p.start[i], p.count[i] = int32(lo+first), int32(last-first)
	}
	return p
}

// triangle is the bilinear (tent) filter.
func triangle(x float32) float32 {
	if x < 0 {
		x = -x
	}
	if x < 1 {
		return 1 - x
	}
	return 0
}

// planCache keeps the plans of the last geometry; cameras rarely change size.
type planCache struct{ plans []*resamplePlan }

// get returns the plan for in->out, computing it on first use.
func (c *planCache) get(in, out int) *resamplePlan {
	for _, p := range c.plans {
		if p.in == in && p.out == out {
			return p
		}
	}
	p := newResamplePlan(in, out)
	// A handful of geometries at most (input<->processing in both directions, both axes).
	if len(c.plans) >= 8 {
		c.plans = c.plans[1:]
	}
	c.plans = append(c.plans, p)
	return p
}
