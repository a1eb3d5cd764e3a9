package inference

import (
	"fmt"
	"strconv"
	"strings"

	ort "github.com/yalue/onnxruntime_go"
)

// Output names the model contract defines.
const (
	outputDepth   = "depth"
	outputNormals = "normals"
)

// maxPadMultiple bounds the pad_multiple metadata; anything larger is a broken export.
const maxPadMultiple = 1024

// modelSpec is what a model file offers, as checked against the contract.
type modelSpec struct {
	path          string
	input         string
	half          bool // float16 input
	fixedH        int  // static input height, 0 = dynamic
	fixedW        int  // static input width, 0 = dynamic
	batch         bool // the input's N is dynamic: frames of one size can run together
	depth         *outputSpec
	normals       *outputSpec
	padMultiple   int
	processingRes int // from metadata; 0 = not given
	convention    NormalsConvention
	task          string
}

// outputSpec is one contract output.
type outputSpec struct {
	name string
	half bool
}

// checkContract checks a model's inputs and outputs; the error is one line naming the defect.
func checkContract(path string, inputs, outputs []ort.InputOutputInfo) (*modelSpec, error) {
	refuse := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s: %s", ErrModel, path, fmt.Sprintf(format, args...))
	}
	if len(inputs) != 1 {
		return nil, refuse("want exactly one input [N,3,H,W], got %d (%s)", len(inputs), ioNames(inputs))
	}
	in := inputs[0]
	half, ok := floatType(in.DataType)
	if in.OrtValueType != ort.ONNXTypeTensor || !ok {
		return nil, refuse("input %q must be a float32 or float16 tensor, got %v %v", in.Name, in.OrtValueType, in.DataType)
	}
	d := in.Dimensions
	if len(d) != 4 {
		return nil, refuse("input %q must be [N,3,H,W], got rank %d %v", in.Name, len(d), d)
	}
	if d[1] != 3 && d[1] != -1 {
		return nil, refuse("input %q must have 3 (RGB) channels, got %d in %v", in.Name, d[1], d)
	}
	if d[0] != 1 && d[0] != -1 {
		return nil, refuse("input %q batch must be 1 or dynamic, got %d in %v", in.Name, d[0], d)
	}
	spec := &modelSpec{path: path, input: in.Name, half: half, padMultiple: 64, convention: ConventionE2EFT}
	spec.fixedH, spec.fixedW = max(int(d[2]), 0), max(int(d[3]), 0)
	spec.batch = d[0] == -1
	for _, o := range outputs {
		var want int64
		switch o.Name {
		case outputDepth:
			want = 1
		case outputNormals:
			want = 3
		default:
			continue
		}
		oh, ok := floatType(o.DataType)
		if o.OrtValueType != ort.ONNXTypeTensor || !ok {
			return nil, refuse("output %q must be a float32 or float16 tensor, got %v %v", o.Name, o.OrtValueType, o.DataType)
		}
		if len(o.Dimensions) != 4 || (o.Dimensions[1] != want && o.Dimensions[1] != -1) {
			return nil, refuse("output %q must be [N,%d,H,W], got %v", o.Name, want, o.Dimensions)
		}
		if o.Name == outputDepth {
			spec.depth = &outputSpec{name: o.Name, half: oh}
		} else {
			spec.normals = &outputSpec{name: o.Name, half: oh}
		}
	}
	if spec.depth == nil && spec.normals == nil {
		return nil, refuse("no output named %q or %q (outputs: %s)", outputDepth, outputNormals, ioNames(outputs))
	}
	return spec, nil
}

// applyMetadata reads the contract's optional metadata_props; a bad value is refused by key.
func (s *modelSpec) applyMetadata(meta map[string]string) error {
	refuse := func(key, value, want string) error {
		return fmt.Errorf("%w: %s: metadata %s=%q: want %s", ErrModel, s.path, key, value, want)
	}
	s.task = meta["task"]
	if v, ok := meta["pad_multiple"]; ok {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 1 || n > maxPadMultiple {
			return refuse("pad_multiple", v, fmt.Sprintf("an integer 1..%d", maxPadMultiple))
		}
		s.padMultiple = n
	}
	if v, ok := meta["processing_res"]; ok {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 0 || n > maxProcessingRes {
			return refuse("processing_res", v, fmt.Sprintf("an integer 0..%d", maxProcessingRes))
		}
		s.processingRes = n
	}
	if v, ok := meta["normals_convention"]; ok {
		c, err := ParseNormalsConvention(v)
		if err != nil {
			return refuse("normals_convention", v, `"e2e-ft" or "marigold"`)
		}
		s.convention = c
	}
	return nil
}

// floatType reports whether t is float32 or float16, and which.
func floatType(t ort.TensorElementDataType) (half, ok bool) {
	switch t {
	case ort.TensorElementDataTypeFloat:
		return false, true
	case ort.TensorElementDataTypeFloat16:
		return true, true
	}
	return false, false
}

func ioNames(infos []ort.InputOutputInfo) string {
	if len(infos) == 0 {
		return "none"
	}
	names := make([]string, len(infos))
	for i, info := range infos {
		names[i] = strconv.Quote(info.Name)
	}
	return strings.Join(names, ", ")
}
