package inference

// resizeScratch streams a separable resize: each source row is resampled along the width once,
// into a ring just deep enough for the height pass's window, so the intermediate image (6.6 MB
// at 720p) never exists and the working set stays in cache. The sums are the same as with a
// full intermediate. One per Frame; reused across frames.
type resizeScratch struct {
	buf  []float32 // ring rows
	offs []int64   // the current window's rows, as offsets into buf, in order
	acc  []float32 // the height pass's output row when the caller has none
	wide []float32 // a byte source row widened to floats
}

// widened returns a reusable buffer for one source row of n samples as floats.
func (s *resizeScratch) widened(n int) []float32 {
	s.wide = grow(s.wide, n)
	return s.wide
}

// accumulator returns a reusable row-sized output buffer.
func (s *resizeScratch) accumulator(row int) []float32 {
	s.acc = grow(s.acc, row)
	return s.acc
}

// run drives the two passes for output rows [y0, y1) of row floats each: horiz resamples
// source row sy into out; dstRow gives where output row y goes; done, when not nil, is called
// with the finished row. Disjoint row ranges can run at once, each with its own scratch.
func (s *resizeScratch) run(y0, y1, row int, py *resamplePlan,
	horiz func(sy int, out []float32), dstRow func(y int) []float32, done func(y int, out []float32)) {
	if py.identity() {
		for y := y0; y < y1; y++ {
			out := dstRow(y)[:row]
			horiz(y, out)
			if done != nil {
				done(y, out)
			}
		}
		return
	}
	slots := py.taps
	s.buf = grow(s.buf, slots*row)
	if cap(s.offs) < slots {
		s.offs = make([]int64, slots)
	}
	next := 0 // source rows below next are in the ring (or were skipped as unused)
	for y := y0; y < y1; y++ {
		lo, n := int(py.start[y]), int(py.count[y])
		next = max(next, lo)
		for ; next < lo+n; next++ {
			horiz(next, s.slot(next, row, slots))
		}
		offs := s.offs[:n]
		for j := range offs {
			offs[j] = int64((lo + j) % slots * row)
		}
		out := dstRow(y)[:row]
		vertical(s.buf[:slots*row], offs, py.weights[y*py.taps:y*py.taps+n], out)
		if done != nil {
			done(y, out)
		}
	}
}

// slot is the ring row holding source row sy.
func (s *resizeScratch) slot(sy, row, slots int) []float32 {
	i := sy % slots
	return s.buf[i*row : (i+1)*row]
}
