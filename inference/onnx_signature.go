package inference

import (
	"errors"
	"fmt"
	"io"
	"os"

	ort "github.com/yalue/onnxruntime_go"
)

// readSignature reads a model file's graph inputs and outputs (name, value type, element type,
// shape) straight from the ONNX protobuf, stepping over nodes and weights without reading them.
// ONNX Runtime can only report a signature by loading the whole model, which for a multi-GB
// single-file model costs seconds (2.4 s for 1.6 GB here) before the real session loads it again.
// Inputs that are also initializers are left out, as ONNX Runtime leaves them out.
func readSignature(path string) (inputs, outputs []ort.InputOutputInfo, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	r := &pbFile{f: f, size: st.Size()}
	var graph *span
	err = r.fields(span{from: 0, to: r.size}, func(field int, v span) error {
		if field == 7 { // ModelProto.graph
			graph = &v
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if graph == nil {
		return nil, nil, errors.New("no graph")
	}
	inits := map[string]bool{}
	err = r.fields(*graph, func(field int, v span) error {
		switch field {
		case 5: // GraphProto.initializer: only its name (TensorProto.name)
			return r.fields(v, func(f int, s span) error {
				if f == 8 {
					name, err := r.str(s)
					inits[name] = true
					return err
				}
				return nil
			})
		case 11, 12: // input, output
			info, err := r.valueInfo(v)
			if field == 11 {
				inputs = append(inputs, info)
			} else {
				outputs = append(outputs, info)
			}
			return err
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	kept := inputs[:0]
	for _, in := range inputs {
		if !inits[in.Name] {
			kept = append(kept, in)
		}
	}
	return kept, outputs, nil
}

// valueInfo reads a ValueInfoProto (name = 1, type = 2).
func (r *pbFile) valueInfo(v span) (ort.InputOutputInfo, error) {
	var info ort.InputOutputInfo
	err := r.fields(v, func(field int, s span) error {
		var err error
		switch field {
		case 1:
			info.Name, err = r.str(s)
		case 2:
			err = r.typeProto(s, &info)
		}
		return err
	})
	return info, err
}

// typeProto reads a TypeProto: a tensor's element type and shape, or the kind of a non-tensor.
func (r *pbFile) typeProto(v span, info *ort.InputOutputInfo) error {
	return r.fields(v, func(field int, s span) error {
		switch field {
		case 1: // tensor_type: elem_type = 1, shape = 2
			info.OrtValueType = ort.ONNXTypeTensor
			return r.fields(s, func(f int, t span) error {
				switch f {
				case 1:
					info.DataType = ort.TensorElementDataType(t.value)
				case 2:
					return r.shape(t, info)
				}
				return nil
			})
		case 4:
			info.OrtValueType = ort.ONNXTypeSequence
		case 5:
			info.OrtValueType = ort.ONNXTypeMap
		case 8:
			info.OrtValueType = ort.ONNXTypeSparseTensor
		case 9:
			info.OrtValueType = ort.ONNXTypeOptional
		}
		return nil
	})
}

// shape reads a TensorShapeProto: each dim is dim_value (1) or dim_param (2), the latter and
// an unset dim read as -1 (dynamic), as ONNX Runtime reports them.
func (r *pbFile) shape(v span, info *ort.InputOutputInfo) error {
	info.Dimensions = ort.Shape{}
	return r.fields(v, func(field int, s span) error {
		if field != 1 {
			return nil
		}
		dim := int64(-1)
		err := r.fields(s, func(f int, d span) error {
			if f == 1 {
				dim = int64(d.value)
			}
			return nil
		})
		info.Dimensions = append(info.Dimensions, dim)
		return err
	})
}

// span is a protobuf field's payload: bytes [from, to) of the file for length-delimited
// fields, or the decoded value of a varint.
type span struct {
	from, to int64
	value    uint64
}

// maxNameBytes bounds names read from a model; anything longer is not a model we understand.
const maxNameBytes = 1 << 16

// pbFile reads protobuf fields from a file through a small window, seeking past payloads it
// does not need.
type pbFile struct {
	f      *os.File
	size   int64
	buf    [32 << 10]byte
	bufAt  int64
	bufLen int
}

// fields calls fn with each field of the message in v, in order.
func (r *pbFile) fields(v span, fn func(field int, payload span) error) error {
	for off := v.from; off < v.to; {
		key, n, err := r.varint(off, v.to)
		if err != nil {
			return err
		}
		off += n
		field, wire := int(key>>3), key&7
		var payload span
		switch wire {
		case 0: // varint
			val, n, err := r.varint(off, v.to)
			if err != nil {
				return err
			}
			payload.value = val
			off += n
		case 1: // 64-bit
			off += 8
		case 5: // 32-bit
			off += 4
		case 2: // length-delimited
			l, n, err := r.varint(off, v.to)
			if err != nil {
				return err
			}
			off += n
			if l > uint64(v.to-off) {
				return fmt.Errorf("field %d runs %d bytes past its message", field, l-uint64(v.to-off))
			}
			payload = span{from: off, to: off + int64(l)}
			off += int64(l)
		default:
			return fmt.Errorf("unsupported protobuf wire type %d (field %d)", wire, field)
		}
		if off > v.to {
			return fmt.Errorf("field %d runs past its message", field)
		}
		if err := fn(field, payload); err != nil {
			return err
		}
	}
	return nil
}

// varint decodes the varint at off (before end) and returns it and its length.
func (r *pbFile) varint(off, end int64) (uint64, int64, error) {
	var v uint64
	for i := int64(0); i < 10; i++ {
		if off+i >= end {
			return 0, 0, io.ErrUnexpectedEOF
		}
		b, err := r.byteAt(off + i)
		if err != nil {
			return 0, 0, err
		}
		v |= uint64(b&0x7f) << (7 * i)
		if b < 0x80 {
			return v, i + 1, nil
		}
	}
	return 0, 0, errors.New("varint longer than 10 bytes")
}

// str reads a length-delimited payload as a string.
func (r *pbFile) str(s span) (string, error) {
	n := s.to - s.from
	if n > maxNameBytes {
		return "", fmt.Errorf("a %d-byte name", n)
	}
	b := make([]byte, n)
	if _, err := r.f.ReadAt(b, s.from); err != nil {
		return "", err
	}
	return string(b), nil
}

// byteAt returns the file's byte at off, refilling the window around it when needed.
func (r *pbFile) byteAt(off int64) (byte, error) {
	if off < r.bufAt || off >= r.bufAt+int64(r.bufLen) {
		if off >= r.size {
			return 0, io.ErrUnexpectedEOF
		}
		n, err := r.f.ReadAt(r.buf[:], off)
		if n == 0 && err != nil {
			return 0, err
		}
		r.bufAt, r.bufLen = off, n
	}
	return r.buf[off-r.bufAt], nil
}
