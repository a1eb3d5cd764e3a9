package imagemsg

import (
	"encoding/binary"
	"math"
	"unsafe"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"
)

// hostLittleEndian lets float images go out with one memory copy; ROS
// readers honour is_bigendian either way, but little-endian is what every
// other ROS node on these machines writes.
var hostLittleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// Float builds a 32FC1 (channels 1) or 32FC3 (channels 3) image. The
// data is a fresh buffer: goroslib serialises published messages later, on
// its own goroutines, so nothing published may be reused.
func Float(h std_msgs.Header, width, height, channels int, v []float32) *sensor_msgs.Image {
	enc := "32FC1"
	if channels == 3 {
		enc = "32FC3"
	}
	data := make([]byte, 4*len(v))
	if hostLittleEndian && len(v) > 0 {
		copy(data, unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), 4*len(v)))
	} else {
		for i, f := range v {
			binary.LittleEndian.PutUint32(data[4*i:], math.Float32bits(f))
		}
	}
	return &sensor_msgs.Image{
		Header:   h,
		Height:   uint32(height),
		Width:    uint32(width),
		Encoding: enc,
		Step:     uint32(4 * channels * width),
		Data:     data,
	}
}

// Bytes wraps packed 3-byte pixels (bgr8 or rgb8); pix must be fresh.
func Bytes(h std_msgs.Header, width, height int, encoding string, pix []byte) *sensor_msgs.Image {
	return &sensor_msgs.Image{
		Header:   h,
		Height:   uint32(height),
		Width:    uint32(width),
		Encoding: encoding,
		Step:     uint32(3 * width),
		Data:     pix,
	}
}
