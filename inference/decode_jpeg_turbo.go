package inference

// #cgo pkg-config: libturbojpeg
// #include <turbojpeg.h>
//
// // The size comes back by value: Go variables passed by address to C would escape to the heap.
// typedef struct { int width, height, failed; } dn_jpeg_size;
// static dn_jpeg_size dn_jpeg_header(tjhandle h, const unsigned char *buf, unsigned long size) {
// 	dn_jpeg_size s = {0, 0, 0};
// 	int subsamp, space;
// 	s.failed = tjDecompressHeader3(h, buf, size, &s.width, &s.height, &subsamp, &space) != 0;
// 	return s;
// }
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// errTurboRefused marks data libjpeg-turbo would not decode to RGB: corrupt, truncated, or a
// colour space it does not convert (CMYK, YCCK). Go's decoder gets the data next.
var errTurboRefused = errors.New("libjpeg-turbo refused the data")

// decodeJPEGTurbo decodes JPEG data into dst with libjpeg-turbo, the library PIL (which the
// reference pipeline loads images with) and OpenCV decode with: the accurate integer IDCT and
// smooth chroma upsampling give the reference's pixels exactly, about five times faster than
// image/jpeg. The header's size is checked before the pixels are allocated; warnings (a
// truncated scan, junk between markers) count as refusals rather than half-grey frames.
// TJFLAG_LIMITSCANS backs up the caller's scan count (MaxJPEGScans is the same 500).
func decodeJPEGTurbo(data []byte, dst *RGB, lim Limits) error {
	if len(data) == 0 {
		return fmt.Errorf("%w: no data", errTurboRefused)
	}
	h := C.tjInitDecompress()
	if h == nil {
		return fmt.Errorf("%w: cannot start a decompressor", errTurboRefused)
	}
	defer C.tjDestroy(h)
	buf, size := (*C.uchar)(unsafe.Pointer(&data[0])), C.ulong(len(data))
	hdr := C.dn_jpeg_header(h, buf, size)
	if hdr.failed != 0 {
		return fmt.Errorf("%w: header: %s", errTurboRefused, C.GoString(C.tjGetErrorStr2(h)))
	}
	if hdr.width <= 0 || hdr.height <= 0 {
		// libjpeg ends a stream that stops early with a fake end-of-image marker, so a file cut
		// before its frame header "succeeds" with no size.
		return fmt.Errorf("%w: no frame header", errTurboRefused)
	}
	w, ht := hdr.width, hdr.height
	if err := lim.check(int(w), int(ht)); err != nil {
		return fmt.Errorf("jpeg header claims %dx%d: %w", int(w), int(ht), err)
	}
	dst.resizePix(int(w), int(ht))
	if C.tjDecompress2(h, buf, size, (*C.uchar)(unsafe.Pointer(&dst.Pix[0])), w, w*3, ht, C.TJPF_RGB, C.TJFLAG_STOPONWARNING|C.TJFLAG_LIMITSCANS) != 0 {
		return fmt.Errorf("%w: %s", errTurboRefused, C.GoString(C.tjGetErrorStr2(h)))
	}
	return nil
}
