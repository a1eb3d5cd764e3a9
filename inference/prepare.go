package inference

import "fmt"

// normTable maps a uint8 level to the model input x/255*2-1, computed in float32 in the
// reference's order so the values are bit-identical to its tensor maths.
var normTable = func() (t [256]float32) {
	for i := range t {
		t[i] = float32(i)/255*2 - 1
	}
	return t
}()

// normTableHalf is normTable in float16, as torch's .half() rounds it.
var normTableHalf = func() (t [256]uint16) {
	for i, v := range normTable {
		t[i] = float32ToHalf(v)
	}
	return t
}()

// Prepare resizes img the reference way (longer side to the processing resolution with int
// truncation, antialiased bilinear, rounded to uint8), maps it to [-1,1] and edge-pads it to the
// pad multiple, into f's input tensors.
func (e *Engine) Prepare(img *RGB, f *Frame) error {
	if err := e.use(f); err != nil {
		return err
	}
	defer e.life.RUnlock()
	f.stage = stageEmpty
	if img == nil || img.Width <= 0 || img.Height <= 0 || img.Width > maxImageSide || img.Height > maxImageSide {
		return fmt.Errorf("%w: prepare: image is nil or its size is out of range", ErrBadDimensions)
	}
	if len(img.Pix) < img.Width*img.Height*3 {
		return fmt.Errorf("%w: prepare: %dx%d RGB needs %d bytes, got %d", ErrShortData, img.Width, img.Height, img.Width*img.Height*3, len(img.Pix))
	}
	procW, procH := processingSize(img.Width, img.Height, e.res)
	padW, padH, err := paddedSize(procW, procH, e.padMultiple, e.fixedW, e.fixedH)
	if err != nil {
		return err
	}
	if err := f.ensureTensors(padW, padH); err != nil {
		return err
	}
	f.inW, f.inH, f.procW, f.procH = img.Width, img.Height, procW, procH
	if procW != img.Width || procH != img.Height {
		// Each resized row goes into the model input while it is still in cache.
		f.resized.resizePix(procW, procH)
		f.cur = bandJob{img: img, px: f.plans.get(img.Width, procW), py: f.plans.get(img.Height, procH)}
		f.inBands(procH, f.prepareBand)
		f.cur = bandJob{} // keep no reference to the caller's image
	} else {
		for y := range procH {
			f.fillRow(y, img.Pix[y*procW*3:(y+1)*procW*3])
		}
	}
	f.padBottom()
	f.stage = stagePrepared
	return nil
}

// fillRow writes processed row y into the planar [3,padH,padW] input in [-1,1] (and its
// float16 copy for float16 models, by table: only 256 values occur), replicating the last pixel
// into the right padding (edge padding keeps the border statistics the model saw).
func (f *Frame) fillRow(y int, row []byte) {
	plane, w, padW := f.padW*f.padH, f.procW, f.padW
	o := y * padW
	r, g, b := f.in32[o:o+padW], f.in32[plane+o:plane+o+padW], f.in32[2*plane+o:2*plane+o+padW]
	row = row[:w*3]
	splitNormalise(row, r, g, b, w)
	for x := w; x < padW; x++ {
		r[x], g[x], b[x] = r[w-1], g[w-1], b[w-1]
	}
	if f.in16 == nil {
		return
	}
	r16, g16, b16 := f.in16[o:o+padW], f.in16[plane+o:plane+o+padW], f.in16[2*plane+o:2*plane+o+padW]
	for x := range w {
		px := row[x*3 : x*3+3 : x*3+3]
		r16[x], g16[x], b16[x] = normTableHalf[px[0]], normTableHalf[px[1]], normTableHalf[px[2]]
	}
	for x := w; x < padW; x++ {
		r16[x], g16[x], b16[x] = r16[w-1], g16[w-1], b16[w-1]
	}
}

// fillSums rounds resampled row y to uint8 into f.resized (the reference rounds back to uint8)
// and writes it into the model input.
func (f *Frame) fillSums(y int, sums []float32) {
	w := f.procW
	out := f.resized.Pix[y*w*3 : (y+1)*w*3]
	roundRow(sums[:w*3], out)
	f.fillRow(y, out)
}

// padBottom replicates the last processed row into the bottom padding of each plane.
func (f *Frame) padBottom() {
	plane := f.padW * f.padH
	for c := range 3 {
		p := f.in32[c*plane : (c+1)*plane]
		last := p[(f.procH-1)*f.padW : f.procH*f.padW]
		for y := f.procH; y < f.padH; y++ {
			copy(p[y*f.padW:(y+1)*f.padW], last)
		}
		if f.in16 == nil {
			continue
		}
		p16 := f.in16[c*plane : (c+1)*plane]
		last16 := p16[(f.procH-1)*f.padW : f.procH*f.padW]
		for y := f.procH; y < f.padH; y++ {
			copy(p16[y*f.padW:(y+1)*f.padW], last16)
		}
	}
}
