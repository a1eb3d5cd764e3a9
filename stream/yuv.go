package stream

import "image"

// rgbToI420 converts a packed RGB canvas (even width and height) into dst,
// BT.601 limited range: VP8 carries no colour description and browsers
// decode it as BT.601 "TV" range. Chroma is the mean of each 2x2 block.
func rgbToI420(rgb []byte, w, h int, dst *image.YCbCr) {
	for y := 0; y < h; y += 2 {
		r0 := rgb[3*w*y : 3*w*(y+1) : 3*w*(y+1)]
		r1 := rgb[3*w*(y+1) : 3*w*(y+2) : 3*w*(y+2)]
		y0 := dst.Y[y*dst.YStride : y*dst.YStride+w : y*dst.YStride+w]
		y1 := dst.Y[(y+1)*dst.YStride : (y+1)*dst.YStride+w : (y+1)*dst.YStride+w]
		co := (y / 2) * dst.CStride
		cb := dst.Cb[co : co+w/2 : co+w/2]
		cr := dst.Cr[co : co+w/2 : co+w/2]
		for x := 0; x < w/2; x++ {
			p := r0[6*x : 6*x+6 : 6*x+6]
			q := r1[6*x : 6*x+6 : 6*x+6]
			y0[2*x] = luma(p[0], p[1], p[2])
			y0[2*x+1] = luma(p[3], p[4], p[5])
			y1[2*x] = luma(q[0], q[1], q[2])
			y1[2*x+1] = luma(q[3], q[4], q[5])
			r := int32(p[0]) + int32(p[3]) + int32(q[0]) + int32(q[3])
			g := int32(p[1]) + int32(p[4]) + int32(q[1]) + int32(q[4])
			b := int32(p[2]) + int32(p[5]) + int32(q[2]) + int32(q[5])
			// Sums of four pixels: the >>10 folds in the /4 of the mean.
			cb[x] = uint8((-38*r-74*g+112*b+512)>>10 + 128)
			cr[x] = uint8((112*r-94*g-18*b+512)>>10 + 128)
		}
	}
}

// luma is BT.601 limited-range Y in 8-bit fixed point.
func luma(r, g, b uint8) uint8 {
	return uint8((66*int32(r)+129*int32(g)+25*int32(b)+128)>>8 + 16)
}
