package inference

import (
	"fmt"
	"strings"
)

// Limits on claimed image sizes, checked before any allocation: a corrupt header must not make
// the node allocate gigabytes.
const (
	maxImageSide   = 1 << 15 // 32768 pixels
	maxImagePixels = 1 << 28 // 268 megapixels
)

// rawFormat describes how one sensor_msgs/Image encoding is laid out.
type rawFormat struct {
	bpp    int                                          // bytes per pixel
	decode func(row []byte, dst []byte, bigEndian bool) // one row to packed RGB
	bayer  bayerPattern
}

// rawFormats are the supported encodings; OpenCV type names are aliases.
var rawFormats = map[string]rawFormat{
	"rgb8":        {bpp: 3, decode: rowRGB8},
	"bgr8":        {bpp: 3, decode: rowBGR8},
	"8uc3":        {bpp: 3, decode: rowBGR8}, // OpenCV's default channel order
	"rgba8":       {bpp: 4, decode: rowRGBA8},
	"bgra8":       {bpp: 4, decode: rowBGRA8},
	"8uc4":        {bpp: 4, decode: rowBGRA8},
	"mono8":       {bpp: 1, decode: rowMono8},
	"8uc1":        {bpp: 1, decode: rowMono8},
	"mono16":      {bpp: 2, decode: rowMono16},
	"16uc1":       {bpp: 2, decode: rowMono16},
	"bayer_rggb8": {bpp: 1, bayer: bayerRGGB},
	"bayer_bggr8": {bpp: 1, bayer: bayerBGGR},
	"bayer_gbrg8": {bpp: 1, bayer: bayerGBRG},
	"bayer_grbg8": {bpp: 1, bayer: bayerGRBG},
}

// DecodeImage converts raw sensor_msgs/Image fields (no ROS types) to RGB, reusing dst.Pix's
// capacity. Row padding (step > width*bpp) and big-endian 16-bit data are handled. It applies
// the default Limits.
func DecodeImage(encoding string, width, height, step int, bigEndian bool, data []byte, dst *RGB) error {
	return DecodeImageLimited(encoding, width, height, step, bigEndian, data, dst, Limits{})
}

// DecodeImageLimited is DecodeImage within lim: more than lim's pixel budget gives ErrTooLarge.
func DecodeImageLimited(encoding string, width, height, step int, bigEndian bool, data []byte, dst *RGB, lim Limits) error {
	f, ok := rawFormats[strings.ToLower(encoding)]
	if !ok {
		return fmt.Errorf("%w: %q (want rgb8, bgr8, rgba8, bgra8, mono8, mono16 or bayer_{rggb,bggr,gbrg,grbg}8)", ErrUnknownEncoding, encoding)
	}
	if err := lim.check(width, height); err != nil {
		return err
	}
	if step < width*f.bpp {
		return fmt.Errorf("%w: step %d < width %d * %d bytes (%s)", ErrBadStep, step, width, f.bpp, encoding)
	}
	// Compare in int64-safe terms: step is attacker-controlled and step*height may overflow.
	if step > len(data) || len(data)/step < height {
		return fmt.Errorf("%w: %s %dx%d step %d needs %d bytes, got %d", ErrShortData, encoding, width, height, step, int64(step)*int64(height), len(data))
	}
	dst.resizePix(width, height)
	if f.bayer != nil {
		demosaic(f.bayer, width, height, step, data, dst.Pix)
		return nil
	}
	for y := range height {
		f.decode(data[y*step:y*step+width*f.bpp], dst.Pix[y*width*3:(y+1)*width*3], bigEndian)
	}
	return nil
}

// checkDimensions refuses zero, negative and implausibly large sizes.
func checkDimensions(width, height int) error {
	if width <= 0 || height <= 0 || width > maxImageSide || height > maxImageSide || width*height > maxImagePixels {
		return fmt.Errorf("%w: %dx%d (want 1..%d per side, at most %d pixels)", ErrBadDimensions, width, height, maxImageSide, maxImagePixels)
	}
	return nil
}

func rowRGB8(src, dst []byte, _ bool) { copy(dst, src) }

func rowBGR8(src, dst []byte, _ bool) {
	for i := 0; i+3 <= len(src); i += 3 {
		s, d := src[i:i+3:i+3], dst[i:i+3:i+3]
		d[0], d[1], d[2] = s[2], s[1], s[0]
	}
}

func rowRGBA8(src, dst []byte, _ bool) {
	for i, j := 0, 0; i+4 <= len(src); i, j = i+4, j+3 {
		s, d := src[i:i+4:i+4], dst[j:j+3:j+3]
		d[0], d[1], d[2] = s[0], s[1], s[2]
	}
}

func rowBGRA8(src, dst []byte, _ bool) {
	for i, j := 0, 0; i+4 <= len(src); i, j = i+4, j+3 {
		s, d := src[i:i+4:i+4], dst[j:j+3:j+3]
		d[0], d[1], d[2] = s[2], s[1], s[0]
	}
}

func rowMono8(src, dst []byte, _ bool) {
	for i, v := range src {
		d := dst[i*3 : i*3+3 : i*3+3]
		d[0], d[1], d[2] = v, v, v
	}
}

// rowMono16 scales 16-bit intensity to 8 bits as cv_bridge does: round(v*255/65535).
func rowMono16(src, dst []byte, bigEndian bool) {
	for i := 0; i+2 <= len(src); i += 2 {
		v := uint32(src[i]) | uint32(src[i+1])<<8
		if bigEndian {
			v = uint32(src[i])<<8 | uint32(src[i+1])
		}
		b := byte((v*255 + 32767) / 65535)
		d := dst[i/2*3 : i/2*3+3 : i/2*3+3]
		d[0], d[1], d[2] = b, b, b
	}
}
