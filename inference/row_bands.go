package inference

import "sync"

// maxWorkers bounds Config.Workers.
const maxWorkers = 64

// minBandRows keeps bands tall enough that the source rows each band resamples twice at its
// edges (the height filter's window) stay a small share of its work.
const minBandRows = 32

// bandJob is what the row bands of one Prepare or Finish share (read only while they run).
type bandJob struct {
	img    *RGB // Prepare's input
	px, py *resamplePlan
	out    *Result // Finish's output
	signs  [3]float32
}

// workersFor resolves Config.Workers for the device the engine ended up on.
func workersFor(configured int, device DeviceSpec, cores int) int {
	switch {
	case configured > 0:
		return configured
	case device.Provider == ProviderCPU:
		return 1
	}
	return max(1, min(4, cores/2))
}

// inBands runs fn over output rows [0, n) split into up to the engine's workers contiguous
// bands, band 0 on the calling goroutine, and returns when all are done. Every output row is
// computed the same way whatever the split, so results do not depend on the worker count.
func (f *Frame) inBands(n int, fn func(band, y0, y1 int)) {
	k := min(f.e.workers, max(n/minBandRows, 1))
	for len(f.bands) < k {
		f.bands = append(f.bands, resizeScratch{})
	}
	if k == 1 {
		fn(0, 0, n)
		return
	}
	var wg sync.WaitGroup
	wg.Add(k - 1)
	for b := 1; b < k; b++ {
		go func() {
			defer wg.Done()
			fn(b, b*n/k, (b+1)*n/k)
		}()
	}
	fn(0, 0, n/k)
	wg.Wait()
}

// resizeInputRows resizes input rows [y0, y1) into the model input (Prepare's band).
func (f *Frame) resizeInputRows(band, y0, y1 int) {
	c := &f.cur
	resizeRGB8(c.img, f.procW, y0, y1, c.px, c.py, &f.bands[band], f.fillSums)
}

// finishRows resizes output rows [y0, y1) back to the input size, clips depth and turns normals
// into the optical frame (Finish's band).
func (f *Frame) finishRows(band, y0, y1 int) {
	c, w := &f.cur, f.inW
	if f.ran.Depth {
		resizeFloat(f.depth, f.procW, 1, c.out.Depth, w, y0, y1, c.px, c.py, &f.bands[band])
		clip01(c.out.Depth[y0*w : y1*w])
	}
	if f.ran.Normals {
		resizeFloat(f.normals, f.procW, 3, c.out.Normals, w, y0, y1, c.px, c.py, &f.bands[band])
		toOptical(c.out.Normals[3*y0*w:3*y1*w], c.signs)
	}
}
