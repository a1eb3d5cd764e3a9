package depthcodec

import (
	"compress/flate"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
)

// pngSignature starts every PNG file.
const pngSignature = "\x89PNG\r\n\x1a\n"

// pngWriter appends a 16-bit grayscale PNG to a byte slice, keeping its zlib
// state and row buffer between images. It writes the format itself rather
// than through image/png because image/png reads a Gray16 image through
// At(), one boxed colour per pixel, which costs an allocation a pixel.
type pngWriter struct {
	zw  *zlib.Writer
	out appender
	row []byte
}

// appender is an io.Writer that appends to a slice.
type appender struct{ b []byte }

func (a *appender) Write(p []byte) (int, error) { a.b = append(a.b, p...); return len(p), nil }

// appendGray16 appends the PNG of the w x h codes (row-major) to dst. Each
// row uses PNG's Sub filter (the difference to the pixel on the left, byte
// by byte), which on smooth inverse depth leaves mostly zeros for the
// deflate stage; it is compressed at zlib's fastest level, as the plug-in's
// default png_level 1.
func (p *pngWriter) appendGray16(dst []byte, codes []uint16, w, h int) []byte {
	dst = append(dst, pngSignature...)
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 16, 0 // bit depth 16, colour type 0 (grayscale); compression, filter, interlace 0
	dst = appendChunk(dst, "IHDR", ihdr[:])

	// IDAT: length and type now, the zlib stream straight after, then the
	// length patched and the CRC computed over what was written.
	start := len(dst)
	dst = append(dst, 0, 0, 0, 0, 'I', 'D', 'A', 'T')
	p.out.b = dst
	if p.zw == nil {
		p.zw, _ = zlib.NewWriterLevel(&p.out, flate.BestSpeed) // the level is valid
	} else {
		p.zw.Reset(&p.out)
	}
	if cap(p.row) < 1+2*w {
		p.row = make([]byte, 1+2*w)
	}
	row := p.row[:1+2*w]
	row[0] = 1 // filter type Sub
	for y := range h {
		line := codes[y*w : (y+1)*w]
		var prev uint16
		for x, c := range line {
			row[1+2*x] = byte(c>>8) - byte(prev>>8)
			row[2+2*x] = byte(c) - byte(prev)
			prev = c
		}
		p.zw.Write(row) // appender never fails
	}
	p.zw.Close()
	dst = p.out.b
	p.out.b = nil
	binary.BigEndian.PutUint32(dst[start:], uint32(len(dst)-start-8))
	dst = binary.BigEndian.AppendUint32(dst, crc32.ChecksumIEEE(dst[start+4:]))
	return appendChunk(dst, "IEND", nil)
}

// appendChunk appends one PNG chunk: length, type, data, CRC of type and data.
func appendChunk(dst []byte, typ string, data []byte) []byte {
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(data)))
	start := len(dst)
	dst = append(dst, typ...)
	dst = append(dst, data...)
	return binary.BigEndian.AppendUint32(dst, crc32.ChecksumIEEE(dst[start:]))
}
