package inference

import (
	"fmt"

	ort "github.com/yalue/onnxruntime_go"
)

// modelSession is one loaded model file: one runtime session, reused for every frame.
type modelSession struct {
	spec    *modelSpec
	outputs []*outputSpec // what Run asks for, in order; only what a task needs
	serves  Tasks
	sess    *ort.DynamicAdvancedSession
}

// inspectModel reads a model's inputs and outputs and checks them against the contract
// before any provider is involved, so a bad file is refused quickly and with one line, and a
// good one is loaded once (by its session), not twice.
func inspectModel(path string) (*modelSpec, error) {
	if err := CheckModelFile(path); err != nil {
		return nil, err
	}
	// The signature straight from the file; ONNX Runtime reads it only where this reader does
	// not understand the file, and its error then names the problem.
	if inputs, outputs, err := readSignature(path); err == nil && len(inputs) > 0 && len(outputs) > 0 {
		return checkContract(path, inputs, outputs)
	}
	// A metadata-only session: graph optimisation off, since only the signature is read here.
	opts, err := ort.NewSessionOptions()
	if err != nil {
		return nil, fmt.Errorf("%w: session options: %v", ErrRuntime, err)
	}
	defer opts.Destroy()
	if err := opts.SetGraphOptimizationLevel(ort.GraphOptimizationLevelDisableAll); err != nil {
		return nil, fmt.Errorf("%w: session options: %v", ErrRuntime, err)
	}
	inputs, outputs, err := ort.GetInputOutputInfoWithOptions(path, opts)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: not a readable ONNX model: %v", ErrModel, path, oneLine(err))
	}
	spec, err := checkContract(path, inputs, outputs)
	if err != nil {
		return nil, err
	}
	return spec, nil
}

// metadataProps copies the custom metadata map out of the runtime.
func metadataProps(meta *ort.ModelMetadata) (map[string]string, error) {
	keys, err := meta.GetCustomMetadataMapKeys()
	if err != nil {
		return nil, err
	}
	props := make(map[string]string, len(keys))
	for _, k := range keys {
		v, _, err := meta.LookupCustomMetadataMap(k)
		if err != nil {
			return nil, err
		}
		props[k] = v
	}
	return props, nil
}

// openSession creates the runtime session for spec, asking only for the outputs serves needs.
func openSession(spec *modelSpec, serves Tasks, opts *ort.SessionOptions) (*modelSession, error) {
	m := &modelSession{spec: spec, serves: serves}
	if serves.Depth {
		m.outputs = append(m.outputs, spec.depth)
	}
	if serves.Normals {
		m.outputs = append(m.outputs, spec.normals)
	}
	names := make([]string, len(m.outputs))
	for i, o := range m.outputs {
		names[i] = o.name
	}
	sess, err := ort.NewDynamicAdvancedSession(spec.path, []string{spec.input}, names, opts)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: creating the session: %v", ErrModel, spec.path, oneLine(err))
	}
	m.sess = sess
	// Metadata comes from this session rather than a third load of a multi-GB file.
	meta, err := sess.GetModelMetadata()
	if err != nil {
		m.close()
		return nil, fmt.Errorf("%w: %s: cannot read metadata: %v", ErrModel, spec.path, oneLine(err))
	}
	defer meta.Destroy()
	props, err := metadataProps(meta)
	if err == nil {
		err = spec.applyMetadata(props)
	}
	if err != nil {
		m.close()
		return nil, err
	}
	return m, nil
}

func (m *modelSession) close() error {
	if m.sess == nil {
		return nil
	}
	err := m.sess.Destroy()
	m.sess = nil
	return err
}
