package inference

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	ort "github.com/yalue/onnxruntime_go"
)

// gpuHint tells the user what is missing: the provider libraries (make ort-gpu) or, when those
// are beside the core library, the CUDA libraries they load.
func gpuHint(core string, p Provider) string {
	const cuda = "CUDA 13 + cuDNN 9 (and TensorRT 10 for tensorrt) on LD_LIBRARY_PATH"
	provider := filepath.Join(filepath.Dir(core), "libonnxruntime_providers_"+string(p)+".so")
	if _, err := os.Stat(provider); err == nil {
		return "the provider library is there (" + provider + "); put " + cuda
	}
	return "run `make ort-gpu` to put libonnxruntime_providers_{shared,cuda,tensorrt}.so (ORT 1.29.0) beside the core library, and put " + cuda
}

// autoFallbackOnce makes device=auto say once per process that it fell back to the CPU.
var autoFallbackOnce sync.Once

// cudaOptions are the CUDA provider options for GPU id.
//
// cudnn_conv_algo_search is EXHAUSTIVE: a camera's geometry is fixed, so the search runs once per
// input shape (during the warm-up run at Open) and every later frame gets the fastest kernels;
// HEURISTIC would start faster but leave speed on the table for the whole run.
func cudaOptions(id int, memLimit int64) map[string]string {
	opts := map[string]string{
		"device_id":              strconv.Itoa(id),
		"cudnn_conv_algo_search": "EXHAUSTIVE",
		// Grow the arena by what is asked, not by doubling: a 1 GB activation would otherwise
		// reserve 2 GB and starve a second model on the same GPU.
		"arena_extend_strategy":     "kSameAsRequested",
		"do_copy_in_default_stream": "1",
	}
	if memLimit > 0 {
		opts["gpu_mem_limit"] = strconv.FormatInt(memLimit, 10)
	}
	return opts
}

// tensorRTOptions are the TensorRT provider options for GPU id, caching engines in cacheDir.
func tensorRTOptions(id int, cacheDir string, memLimit int64) map[string]string {
	opts := map[string]string{
		"device_id":               strconv.Itoa(id),
		"trt_fp16_enable":         "1",
		"trt_engine_cache_enable": "1",
		"trt_engine_cache_path":   cacheDir,
		"trt_timing_cache_enable": "1",
		"trt_timing_cache_path":   cacheDir,
	}
	if memLimit > 0 {
		opts["trt_max_workspace_size"] = strconv.FormatInt(memLimit, 10)
	}
	return opts
}

// tensorRTCacheDir resolves Config.CacheDir's default.
func tensorRTCacheDir(configured string) string {
	if configured != "" {
		return configured
	}
	base := os.Getenv("XDG_CACHE_HOME")
	if base == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			home = os.TempDir()
		}
		base = filepath.Join(home, ".cache")
	}
	return filepath.Join(base, "depthnode", "tensorrt")
}

// newSessionOptions builds session options that run on spec's provider. An error wrapping
// ErrProviderMissing means the runtime library cannot offer that provider.
func newSessionOptions(spec DeviceSpec, cfg Config) (*ort.SessionOptions, error) {
	opts, err := ort.NewSessionOptions()
	if err != nil {
		return nil, fmt.Errorf("%w: session options: %v", ErrRuntime, err)
	}
	if err := configureSession(opts, spec, cfg); err != nil {
		opts.Destroy()
		return nil, err
	}
	return opts, nil
}

func configureSession(opts *ort.SessionOptions, spec DeviceSpec, cfg Config) error {
	if cfg.Threads > 0 {
		if err := opts.SetIntraOpNumThreads(cfg.Threads); err != nil {
			return fmt.Errorf("%w: threads=%d: %v", ErrRuntime, cfg.Threads, err)
		}
	}
	switch spec.Provider {
	case ProviderCPU:
		return nil
	case ProviderTensorRT:
		dir := tensorRTCacheDir(cfg.CacheDir)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("%w: cache_dir %s: %v", ErrBadConfig, dir, err)
		}
		trt, err := ort.NewTensorRTProviderOptions()
		if err != nil {
			return missingProvider(spec, err)
		}
		defer trt.Destroy()
		if err := trt.Update(tensorRTOptions(spec.ID, dir, cfg.GPUMemLimit)); err != nil {
			return missingProvider(spec, err)
		}
		if err := opts.AppendExecutionProviderTensorRT(trt); err != nil {
			return missingProvider(spec, err)
		}
		// CUDA after TensorRT: nodes TensorRT cannot take run on CUDA rather than the CPU.
		return appendCUDA(opts, spec, cfg)
	case ProviderCUDA:
		return appendCUDA(opts, spec, cfg)
	}
	return fmt.Errorf("%w: device %q cannot build a session", ErrBadConfig, spec)
}

func appendCUDA(opts *ort.SessionOptions, spec DeviceSpec, cfg Config) error {
	cuda, err := ort.NewCUDAProviderOptions()
	if err != nil {
		return missingProvider(spec, err)
	}
	defer cuda.Destroy()
	if err := cuda.Update(cudaOptions(spec.ID, cfg.GPUMemLimit)); err != nil {
		return missingProvider(spec, err)
	}
	if err := opts.AppendExecutionProviderCUDA(cuda); err != nil {
		return missingProvider(spec, err)
	}
	return nil
}

// missingProvider is the one line a user sees when the runtime lacks a provider.
func missingProvider(spec DeviceSpec, cause error) error {
	core := loadedRuntimePath()
	return fmt.Errorf("%w: device %s: the loaded ONNX Runtime (%s) cannot use the %s execution provider (%v); %s",
		ErrProviderMissing, spec, core, spec.Provider, loaderCause(cause), gpuHint(core, spec.Provider))
}
