package inference

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/depthnode/depthnode/internal/logging"
)

func TestParseDevice(t *testing.T) {
	cases := []struct {
		in   string
		want string
		ok   bool
	}{
		{"", "auto", true}, {"auto", "auto", true}, {"CPU", "cpu", true}, {"cuda", "cuda:0", true},
		{"cuda:1", "cuda:1", true}, {" tensorrt:2 ", "tensorrt:2", true}, {"tensorrt", "tensorrt:0", true},
		{"cuda:-1", "", false}, {"cuda:256", "", false}, {"cuda:", "", false}, {"auto:0", "", false},
		{"rocm", "", false}, {"cpu:0", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			d, err := ParseDevice(tc.in)
			if (err == nil) != tc.ok {
				t.Fatalf("ParseDevice(%q) error %v, want ok=%t", tc.in, err, tc.ok)
			}
			if tc.ok && d.String() != tc.want {
				t.Errorf("ParseDevice(%q) = %s, want %s", tc.in, d, tc.want)
			}
			if !tc.ok && !errors.Is(err, ErrBadConfig) {
				t.Errorf("error %v is not ErrBadConfig", err)
			}
		})
	}
}

func TestProviderOptions(t *testing.T) {
	cuda := cudaOptions(2, 0)
	for k, v := range map[string]string{"device_id": "2", "cudnn_conv_algo_search": "EXHAUSTIVE", "arena_extend_strategy": "kSameAsRequested"} {
		if cuda[k] != v {
			t.Errorf("cuda %s = %q, want %q", k, cuda[k], v)
		}
	}
	if _, ok := cuda["gpu_mem_limit"]; ok {
		t.Error("gpu_mem_limit set without a limit")
	}
	if got := cudaOptions(0, 4<<30)["gpu_mem_limit"]; got != "4294967296" {
		t.Errorf("gpu_mem_limit = %q", got)
	}
	trt := tensorRTOptions(1, "/cache/trt", 0)
	for k, v := range map[string]string{"device_id": "1", "trt_fp16_enable": "1", "trt_engine_cache_enable": "1", "trt_engine_cache_path": "/cache/trt", "trt_timing_cache_enable": "1"} {
		if trt[k] != v {
			t.Errorf("tensorrt %s = %q, want %q", k, trt[k], v)
		}
	}
}

func TestTensorRTCacheDir(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", "/xdg")
	if got := tensorRTCacheDir(""); got != filepath.Join("/xdg", "depthnode", "tensorrt") {
		t.Errorf("default with XDG_CACHE_HOME = %s", got)
	}
	t.Setenv("XDG_CACHE_HOME", "")
	t.Setenv("HOME", "/home/u")
	if got := tensorRTCacheDir(""); got != filepath.Join("/home/u", ".cache", "depthnode", "tensorrt") {
		t.Errorf("default without XDG_CACHE_HOME = %s", got)
	}
	if got := tensorRTCacheDir("/mine"); got != "/mine" {
		t.Errorf("configured = %s", got)
	}
}

// recordingLogger collects lines, for checking what the engine says.
type recordingLogger struct {
	t     testing.TB
	mu    sync.Mutex
	lines []string
}

func (l *recordingLogger) Printf(format string, args ...any) {
	l.t.Logf(format, args...)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, strings.TrimSpace(fmt.Sprintf(format, args...)))
}

func (l *recordingLogger) count(substr string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, line := range l.lines {
		if strings.Contains(line, substr) {
			n++
		}
	}
	return n
}

// TestGPUProvidersOnCPURuntime runs where this project's tests run: the CPU-only core library,
// no GPU. Explicit GPU devices must fail Open with the one actionable line; auto must fall back
// to the CPU and say so once per process. The GPU paths themselves cannot run here.
func TestGPUProvidersOnCPURuntime(t *testing.T) {
	for _, device := range []string{"cuda", "cuda:1", "tensorrt", "tensorrt:0"} {
		t.Run(device, func(t *testing.T) {
			e, err := Open(Config{DepthModel: fixture("depth_mean.onnx"), Device: device, CacheDir: t.TempDir()}, testLogger(t))
			if err == nil {
				dev := e.Device()
				e.Close()
				t.Skipf("this runtime offers %s (%s): the missing-provider path cannot be checked here", device, dev)
			}
			if !errors.Is(err, ErrProviderMissing) {
				t.Fatalf("error %v is not ErrProviderMissing", err)
			}
			msg := err.Error()
			words := []string{"device " + strings.SplitN(device, ":", 2)[0], "CUDA 13", "cuDNN 9", "LD_LIBRARY_PATH"}
			provider := strings.SplitN(device, ":", 2)[0]
			if _, err := os.Stat(filepath.Join(filepath.Dir(loadedRuntimePathOr(t)), "libonnxruntime_providers_"+provider+".so")); err != nil {
				words = append(words, "make ort-gpu")
			} else {
				words = append(words, "the provider library is there")
			}
			for _, w := range words {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("message spans lines: %q", msg)
			}
			t.Log(msg)
		})
	}
	t.Run("auto", func(t *testing.T) {
		autoFallbackOnce = sync.Once{}
		log := &recordingLogger{t: t}
		for range 2 {
			e, err := Open(Config{DepthModel: fixture("depth_mean.onnx"), Device: "auto", Threads: 1}, logging.Printf(log.Printf))
			if err != nil {
				t.Fatal(err)
			}
			dev := e.Device()
			if err := e.Close(); err != nil {
				t.Fatal(err)
			}
			if dev != "cpu" {
				t.Skipf("this runtime offers CUDA (%s): the fallback cannot be checked here", dev)
			}
		}
		if n := log.count("device auto: CUDA is not usable, running on the CPU"); n != 1 {
			t.Errorf("fallback said %d times over two Opens, want once", n)
		}
	})
}

// loadedRuntimePathOr is the library path the engine under test resolves (the runtime is not
// loaded between tests, so resolve it the same way).
func loadedRuntimePathOr(t *testing.T) string {
	t.Helper()
	if p := loadedRuntimePath(); p != "" {
		return p
	}
	return findRuntimeLibrary("")
}

func TestGPUHint(t *testing.T) {
	dir := t.TempDir()
	core := filepath.Join(dir, libraryName)
	if h := gpuHint(core, ProviderCUDA); !strings.Contains(h, "make ort-gpu") || !strings.Contains(h, "CUDA 13 + cuDNN 9") {
		t.Errorf("without providers: %q", h)
	}
	if err := os.WriteFile(filepath.Join(dir, "libonnxruntime_providers_cuda.so"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if h := gpuHint(core, ProviderCUDA); strings.Contains(h, "make ort-gpu") || !strings.Contains(h, "LD_LIBRARY_PATH") {
		t.Errorf("with the cuda provider: %q", h)
	}
}
