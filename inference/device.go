package inference

import (
	"fmt"
	"strconv"
	"strings"
)

// Provider names an ONNX Runtime execution provider family.
type Provider string

// The execution providers Config.Device can name.
const (
	ProviderAuto     Provider = "auto"
	ProviderCPU      Provider = "cpu"
	ProviderCUDA     Provider = "cuda"
	ProviderTensorRT Provider = "tensorrt"
)

// DeviceSpec is a parsed Config.Device.
type DeviceSpec struct {
	Provider Provider
	ID       int // GPU ordinal; 0 for cpu and auto
}

// String formats the spec the way Config.Device spells it ("cpu", "cuda:0").
// String is the spelling Config.Device uses.
func (d DeviceSpec) String() string {
	if d.Provider == ProviderCUDA || d.Provider == ProviderTensorRT {
		return fmt.Sprintf("%s:%d", d.Provider, d.ID)
	}
	return string(d.Provider)
}

// ParseDevice parses "auto" ("" too), "cpu", "cuda[:N]", "tensorrt[:N]".
func ParseDevice(s string) (DeviceSpec, error) {
	name, idText, hasID := strings.Cut(strings.ToLower(strings.TrimSpace(s)), ":")
	spec := DeviceSpec{Provider: Provider(name)}
	switch spec.Provider {
	case "", ProviderAuto:
		spec.Provider = ProviderAuto
	case ProviderCPU:
	case ProviderCUDA, ProviderTensorRT:
		if !hasID {
			return spec, nil
		}
		id, err := strconv.Atoi(idText)
		if err != nil || id < 0 || id > 255 {
			return DeviceSpec{}, fmt.Errorf("%w: device %q: GPU index must be 0..255", ErrBadConfig, s)
		}
		spec.ID = id
		return spec, nil
	default:
		return DeviceSpec{}, fmt.Errorf("%w: device %q: want auto, cpu, cuda, cuda:N, tensorrt or tensorrt:N", ErrBadConfig, s)
	}
	if hasID {
		return DeviceSpec{}, fmt.Errorf("%w: device %q: only cuda and tensorrt take a GPU index", ErrBadConfig, s)
	}
	return spec, nil
}
