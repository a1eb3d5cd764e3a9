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

// Prepare resizes img the reference way (longer side to the processing resolution with int
// truncation, antialiased bilinear, rounded to uint8), maps it to [-1,1] and edge-pads it to the
// pad multiple, into f's input tensors.
func (e *Engine) Prepare(img *RGB, f *Frame) error {
	if e.closed.Load() {
		return ErrClosed
	}
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
	src := img
	if procW != img.Width || procH != img.Height {
		f.resized.resizePix(procW, procH)
		resizeRGB8(img, &f.resized, f.plans.get(img.Width, procW), f.plans.get(img.Height, procH), &f.scratch)
		src = &f.resized
	}
	f.inW, f.inH, f.procW, f.procH = img.Width, img.Height, procW, procH
	fillInput(src, f.in32, padW, padH)
	if f.in16 != nil {
		for i, v := range f.in32 {
			f.in16[i] = float32ToHalf(v)
		}
	}
	f.stage = stagePrepared
	return nil
}

// fillInput writes src as planar [3,padH,padW] in [-1,1], replicating the last column and row
// into the padding (edge padding keeps the border statistics the model saw in training).
func fillInput(src *RGB, dst []float32, padW, padH int) {
	w, h := src.Width, src.Height
	plane := padW * padH
	r, g, b := dst[:plane], dst[plane:2*plane], dst[2*plane:3*plane]
	for y := range h {
		row := src.Pix[y*w*3 : (y+1)*w*3]
		o := y * padW
		rr, gg, bb := r[o:o+padW], g[o:o+padW], b[o:o+padW]
		for x := range w {
			px := row[x*3 : x*3+3 : x*3+3]
			rr[x], gg[x], bb[x] = normTable[px[0]], normTable[px[1]], normTable[px[2]]
		}
		for x := w; x < padW; x++ {
			rr[x], gg[x], bb[x] = rr[w-1], gg[w-1], bb[w-1]
		}
	}
	for _, p := range [][]float32{r, g, b} {
		last := p[(h-1)*padW : h*padW]
		for y := h; y < padH; y++ {
			copy(p[y*padW:(y+1)*padW], last)
		}
	}
}
