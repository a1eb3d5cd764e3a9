package inference

import (
	"image"
	"image/color"
)

// imageToRGB converts a decoded image to packed RGB, with fast paths for what the JPEG and PNG
// decoders return.
func imageToRGB(img image.Image, dst *RGB) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	dst.resizePix(w, h)
	switch m := img.(type) {
	case *image.YCbCr:
		for y := range h {
			out := dst.Pix[y*w*3 : (y+1)*w*3]
			for x := range w {
				yi := m.YOffset(b.Min.X+x, b.Min.Y+y)
				ci := m.COffset(b.Min.X+x, b.Min.Y+y)
				r, g, bb := color.YCbCrToRGB(m.Y[yi], m.Cb[ci], m.Cr[ci])
				out[x*3], out[x*3+1], out[x*3+2] = r, g, bb
			}
		}
	case *image.Gray:
		for y := range h {
			rowMono8(m.Pix[y*m.Stride:y*m.Stride+w], dst.Pix[y*w*3:(y+1)*w*3], false)
		}
	case *image.Gray16:
		for y := range h {
			rowMono16(m.Pix[y*m.Stride:y*m.Stride+2*w], dst.Pix[y*w*3:(y+1)*w*3], true)
		}
	case *image.RGBA:
		// PNG decodes opaque colour images to RGBA; alpha is dropped as for rgba8 (premultiplied
		// pixels only differ where alpha < 255, which camera images do not have).
		for y := range h {
			rowRGBA8(m.Pix[y*m.Stride:y*m.Stride+4*w], dst.Pix[y*w*3:(y+1)*w*3], false)
		}
	case *image.NRGBA:
		for y := range h {
			rowRGBA8(m.Pix[y*m.Stride:y*m.Stride+4*w], dst.Pix[y*w*3:(y+1)*w*3], false)
		}
	default:
		for y := range h {
			for x := range w {
				r, g, bb, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
				i := (y*w + x) * 3
				dst.Pix[i], dst.Pix[i+1], dst.Pix[i+2] = byte(r>>8), byte(g>>8), byte(bb>>8)
			}
		}
	}
}
