package calib

import (
	"encoding/binary"
	"fmt"
	"math"
)

// PointField datatypes as sensor_msgs/PointField numbers them.
const (
	PointFieldInt8    = 1 // INT8
	PointFieldUint8   = 2 // UINT8
	PointFieldInt16   = 3 // INT16
	PointFieldUint16  = 4 // UINT16
	PointFieldInt32   = 5 // INT32
	PointFieldUint32  = 6 // UINT32
	PointFieldFloat32 = 7 // FLOAT32
	PointFieldFloat64 = 8 // FLOAT64
)

// PointField describes one field of a PointCloud2 point.
type PointField struct {
	Name     string
	Offset   uint32
	Datatype uint8
	Count    uint32
}

// PointCloud2 holds the sensor_msgs/PointCloud2 fields needed to read points.
type PointCloud2 struct {
	Height, Width uint32
	Fields        []PointField
	IsBigEndian   bool
	PointStep     uint32
	RowStep       uint32
	Data          []byte
}

// DecodeXYZ appends the finite x/y/z points of pc to dst and returns it.
// Fields may sit at any offset and be FLOAT32 or FLOAT64 in either byte
// order; points with a NaN or infinite coordinate (no return) are skipped.
// A cloud without x, y and z, or whose data is shorter than its height, width
// and steps claim, is refused with ErrPointCloud and nothing appended.
func DecodeXYZ(pc *PointCloud2, dst []Vec3) ([]Vec3, error) {
	var off [3]uint32
	var f64 [3]bool
	for i, name := range [3]string{"x", "y", "z"} {
		f, ok := findField(pc.Fields, name)
		if !ok {
			return dst, fmt.Errorf("%w: no %q field (fields: %s)", ErrPointCloud, name, fieldNames(pc.Fields))
		}
		size := uint64(4)
		switch f.Datatype {
		case PointFieldFloat32:
		case PointFieldFloat64:
			size, f64[i] = 8, true
		default:
			return dst, fmt.Errorf("%w: field %q has datatype %d; only FLOAT32 (7) and FLOAT64 (8) are read", ErrPointCloud, name, f.Datatype)
		}
		if uint64(f.Offset)+size > uint64(pc.PointStep) {
			return dst, fmt.Errorf("%w: field %q at offset %d does not fit in point_step %d", ErrPointCloud, name, f.Offset, pc.PointStep)
		}
		off[i] = f.Offset
	}
	w, h, ps, rs := uint64(pc.Width), uint64(pc.Height), uint64(pc.PointStep), uint64(pc.RowStep)
	if w == 0 || h == 0 {
		return dst, nil
	}
	if h > 1 && rs < w*ps {
		return dst, fmt.Errorf("%w: row_step %d is shorter than width %d x point_step %d", ErrPointCloud, rs, w, ps)
	}
	if need := (h-1)*rs + w*ps; uint64(len(pc.Data)) < need {
		return dst, fmt.Errorf("%w: data has %d bytes, height %d, width %d, point_step %d and row_step %d need %d", ErrPointCloud, len(pc.Data), h, w, ps, rs, need)
	}
	var bo binary.ByteOrder = binary.LittleEndian
	if pc.IsBigEndian {
		bo = binary.BigEndian
	}
	if n := w * h; uint64(cap(dst)-len(dst)) < n {
		grown := make([]Vec3, len(dst), uint64(len(dst))+n)
		copy(grown, dst)
		dst = grown
	}
	read := func(b []byte, i int) float64 {
		if f64[i] {
			return math.Float64frombits(bo.Uint64(b[off[i]:]))
		}
		return float64(math.Float32frombits(bo.Uint32(b[off[i]:])))
	}
	for r := uint64(0); r < h; r++ {
		row := pc.Data[r*rs:]
		for c := uint64(0); c < w; c++ {
			b := row[c*ps : c*ps+ps]
			p := Vec3{read(b, 0), read(b, 1), read(b, 2)}
			if p.finite() {
				dst = append(dst, p)
			}
		}
	}
	return dst, nil
}

func findField(fs []PointField, name string) (PointField, bool) {
	for _, f := range fs {
		if f.Name == name {
			return f, true
		}
	}
	return PointField{}, false
}

func fieldNames(fs []PointField) string {
	s := ""
	for i, f := range fs {
		if i > 0 {
			s += ","
		}
		s += f.Name
	}
	if s == "" {
		return "none"
	}
	return s
}
