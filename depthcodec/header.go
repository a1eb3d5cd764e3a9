package depthcodec

import (
	"encoding/binary"
	"fmt"
	"math"
)

// Format is the CompressedImage format string compressed_depth_image_transport
// writes for a 32FC1 image compressed to PNG: the encoding, then
// "; compressedDepth png".
const Format = "32FC1; compressedDepth png"

// HeaderSize is sizeof(ConfigHeader): a 4-byte enum and two floats.
const HeaderSize = 12

// InvDepth is compressionFormat INV_DEPTH, the only value the plug-in
// writes (UNDEFINED is -1).
const InvDepth int32 = 0

// Header is compressed_depth_image_transport's ConfigHeader as it lies in
// the message: int32 format, then float32 depthParam[0] (DepthQuantA) and
// depthParam[1] (DepthQuantB), in the host's byte order, which on every
// platform ROS runs on is little-endian.
type Header struct {
	Format                   int32
	DepthQuantA, DepthQuantB float32
}

// Append appends the header's 12 bytes to dst.
func (h Header) Append(dst []byte) []byte {
	dst = binary.LittleEndian.AppendUint32(dst, uint32(h.Format))
	dst = binary.LittleEndian.AppendUint32(dst, math.Float32bits(h.DepthQuantA))
	return binary.LittleEndian.AppendUint32(dst, math.Float32bits(h.DepthQuantB))
}

// ParseHeader reads the header at the start of data.
func ParseHeader(data []byte) (Header, error) {
	if len(data) < HeaderSize {
		return Header{}, fmt.Errorf("%w: %d bytes, shorter than the %d-byte header", ErrFormat, len(data), HeaderSize)
	}
	le := binary.LittleEndian
	return Header{
		Format:      int32(le.Uint32(data)),
		DepthQuantA: math.Float32frombits(le.Uint32(data[4:])),
		DepthQuantB: math.Float32frombits(le.Uint32(data[8:])),
	}, nil
}
