package inference

// #cgo pkg-config: libturbojpeg
// #include <stdlib.h>
// #include <turbojpeg.h>
//
// // One call so the output buffer and its size never live in Go memory that C writes through.
// typedef struct { unsigned char *buf; unsigned long size; int failed; } dn_jpeg_out;
// static dn_jpeg_out dn_jpeg_encode(const unsigned char *pix, int w, int h, int format, int quality) {
// 	dn_jpeg_out o = {NULL, 0, 1};
// 	tjhandle t = tjInitCompress();
// 	if (t == NULL) return o;
// 	o.failed = tjCompress2(t, pix, w, w * 3, h, format, &o.buf, &o.size, TJSAMP_420, quality, 0) != 0;
// 	tjDestroy(t);
// 	return o;
// }
import "C"

import (
	"fmt"
	"unsafe"
)

// EncodeJPEG compresses packed 8-bit pixels (RGB, or BGR when bgr is set) with libjpeg-turbo
// at quality 1-100 with 4:2:0 chroma, as image_transport's compressed publisher does through
// OpenCV. It appends to dst[:0] and returns it.
func EncodeJPEG(pix []byte, width, height int, bgr bool, quality int, dst []byte) ([]byte, error) {
	if err := checkDimensions(width, height); err != nil {
		return dst, err
	}
	if len(pix) < 3*width*height {
		return dst, fmt.Errorf("%w: %dx%d needs %d bytes, got %d", ErrShortData, width, height, 3*width*height, len(pix))
	}
	if quality < 1 || quality > 100 {
		return dst, fmt.Errorf("%w: jpeg quality %d, want 1..100", ErrBadConfig, quality)
	}
	format := C.int(C.TJPF_RGB)
	if bgr {
		format = C.TJPF_BGR
	}
	o := C.dn_jpeg_encode((*C.uchar)(unsafe.Pointer(&pix[0])), C.int(width), C.int(height), format, C.int(quality))
	if o.buf != nil {
		defer C.tjFree(o.buf)
	}
	if o.failed != 0 {
		return dst, fmt.Errorf("jpeg encoding of a %dx%d image failed", width, height)
	}
	return append(dst[:0], unsafe.Slice((*byte)(unsafe.Pointer(o.buf)), int(o.size))...), nil
}
