package calib

import (
	"encoding/binary"
	"fmt"
)

// wireReader reads the ROS 1 serialisation (little-endian, uint32-length
// strings and arrays) that rospy's msg.serialize writes.
type wireReader struct {
	b   []byte
	err error
}

func (r *wireReader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b) {
		r.err = fmt.Errorf("message truncated: need %d bytes, %d left", n, len(r.b))
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *wireReader) u32() uint32 {
	if b := r.take(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *wireReader) u8() uint8 {
	if b := r.take(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *wireReader) str() string { return string(r.take(int(r.u32()))) }

// parsePointCloud2 decodes a serialised sensor_msgs/PointCloud2 into the
// package's plain type, as the node does from goroslib's message.
func parsePointCloud2(b []byte) (*PointCloud2, error) {
	r := &wireReader{b: b}
	r.u32()     // header.seq
	r.u32()     // header.stamp.secs
	r.u32()     // header.stamp.nsecs
	_ = r.str() // header.frame_id
	pc := &PointCloud2{Height: r.u32(), Width: r.u32()}
	n := r.u32()
	for i := uint32(0); i < n && r.err == nil; i++ {
		pc.Fields = append(pc.Fields, PointField{Name: r.str(), Offset: r.u32(), Datatype: r.u8(), Count: r.u32()})
	}
	pc.IsBigEndian = r.u8() != 0
	pc.PointStep, pc.RowStep = r.u32(), r.u32()
	pc.Data = r.take(int(r.u32()))
	r.u8() // is_dense
	if r.err == nil && len(r.b) != 0 {
		r.err = fmt.Errorf("%d bytes left after the message", len(r.b))
	}
	return pc, r.err
}
