package inference

import "fmt"

// DefaultProcessingRes is the reference pipeline's processing resolution (longer side).
const DefaultProcessingRes = 768

// maxProcessingRes bounds ProcessingRes: beyond it the model's activations no longer fit any GPU.
const maxProcessingRes = 8192

// Config configures an Engine.
type Config struct {
	// DepthModel and NormalsModel are ONNX paths; "" disables that task; the same path for both
	// means one session, run once per frame.
	DepthModel, NormalsModel string
	// ProcessingRes is the longer side fed to the model; 0 = native; < 0 = the model's metadata
	// processing_res, else 768.
	ProcessingRes int
	// Device is "auto" (default when ""), "cpu", "cuda", "cuda:N", "tensorrt" or "tensorrt:N".
	Device string
	// DepthStretch enables the per-frame min-max stretch of relative depth (reference behaviour).
	DepthStretch bool
	// LibraryPath is the ONNX Runtime shared library; "" = $ONNXRUNTIME_LIB, then
	// .ort/libonnxruntime.so.1 beside/above the executable or the working directory, then the
	// system's libonnxruntime.so.1.
	LibraryPath string
	// Threads is the intra-op thread count; 0 = the runtime's default.
	Threads int
	// Workers is how many goroutines split each frame's resizing and per-pixel work by rows
	// (results are the same for any count). 0 = auto: 1 when the model runs on the CPU (its
	// threads want the cores), half the cores up to 4 when it runs on a GPU.
	Workers int
	// GPUMemLimit caps the CUDA memory arena (and TensorRT's workspace) in bytes; 0 = no cap.
	GPUMemLimit int64
	// WarmupWidth and WarmupHeight size the synthetic frame run at Open (the camera's size is
	// best: GPU providers tune per input shape); 0 = 640x480.
	WarmupWidth, WarmupHeight int
	// CacheDir holds TensorRT engines; "" = $XDG_CACHE_HOME (or ~/.cache)/depthnode/tensorrt.
	CacheDir string
}

// Validate checks every key and names the first offending one.
func (c Config) Validate() error {
	if c.DepthModel == "" && c.NormalsModel == "" {
		return fmt.Errorf("%w: depth_model and normals_model are both empty: set at least one", ErrBadConfig)
	}
	if c.ProcessingRes > maxProcessingRes {
		return fmt.Errorf("%w: processing_res %d is above %d", ErrBadConfig, c.ProcessingRes, maxProcessingRes)
	}
	if _, err := ParseDevice(c.Device); err != nil {
		return err
	}
	if c.Workers < 0 || c.Workers > maxWorkers {
		return fmt.Errorf("%w: workers %d: want 0..%d", ErrBadConfig, c.Workers, maxWorkers)
	}
	if c.Threads < 0 {
		return fmt.Errorf("%w: threads %d is negative (0 = runtime default)", ErrBadConfig, c.Threads)
	}
	if c.WarmupWidth < 0 || c.WarmupHeight < 0 || c.WarmupWidth > maxImageSide || c.WarmupHeight > maxImageSide {
		return fmt.Errorf("%w: warmup size %dx%d: want 0 (default) or 1..%d", ErrBadConfig, c.WarmupWidth, c.WarmupHeight, maxImageSide)
	}
	if c.GPUMemLimit < 0 {
		return fmt.Errorf("%w: gpu_mem_limit %d is negative (0 = no cap)", ErrBadConfig, c.GPUMemLimit)
	}
	return nil
}
