package inference

import (
	"errors"
	"fmt"
)

// pickDevice resolves "auto" and checks that the runtime offers the requested provider, so a
// missing GPU provider is one clear line at Open rather than a failure deep in session creation.
func (e *Engine) pickDevice(want DeviceSpec) (DeviceSpec, error) {
	if want.Provider == ProviderCPU {
		return want, nil
	}
	probe := want
	if want.Provider == ProviderAuto {
		probe = DeviceSpec{Provider: ProviderCUDA}
	}
	opts, err := newSessionOptions(probe, e.cfg)
	if err == nil {
		opts.Destroy()
		if probe.Provider == ProviderTensorRT {
			e.log.Printf("TensorRT on GPU %d: the first start builds an engine per model and input size, which may take minutes; engines are cached in %s", probe.ID, tensorRTCacheDir(e.cfg.CacheDir))
		}
		return probe, nil
	}
	if want.Provider == ProviderAuto && errors.Is(err, ErrProviderMissing) {
		e.fallBackToCPU(err)
		return DeviceSpec{Provider: ProviderCPU}, nil
	}
	return DeviceSpec{}, err
}

// fallBackToCPU says once per process why device=auto runs on the CPU.
func (e *Engine) fallBackToCPU(cause error) {
	autoFallbackOnce.Do(func() {
		e.log.Warnf("device auto: CUDA is not usable, running on the CPU: %v", cause)
	})
}

// openOn opens spec's session on the engine's device; with device=auto a CUDA session that fails
// to start (e.g. CUDA libraries missing at load time) falls back to the CPU.
func (e *Engine) openOn(spec *modelSpec, serves Tasks) (*modelSession, error) {
	m, err := e.openWith(e.device, spec, serves)
	if err != nil && e.autoOnGPU() && len(e.sessions) == 0 {
		e.fallBackToCPU(err)
		e.device = DeviceSpec{Provider: ProviderCPU}
		return e.openWith(e.device, spec, serves)
	}
	return m, err
}

func (e *Engine) autoOnGPU() bool {
	d, _ := ParseDevice(e.cfg.Device)
	return d.Provider == ProviderAuto && e.device.Provider != ProviderCPU
}

func (e *Engine) openWith(device DeviceSpec, spec *modelSpec, serves Tasks) (*modelSession, error) {
	opts, err := newSessionOptions(device, e.cfg)
	if err != nil {
		return nil, err
	}
	defer opts.Destroy()
	m, err := openSession(spec, serves, opts)
	if err != nil {
		return nil, fmt.Errorf("on %s: %w", device, err)
	}
	return m, nil
}
