package inference

import (
	"errors"
	"testing"
)

func TestLoaderCause(t *testing.T) {
	const prefix = "/onnxruntime_src/onnxruntime/core/session/provider_bridge_ort.cc:1988 onnxruntime::Provider& onnxruntime::ProviderLibrary::Get() [ONNXRuntimeError] : 1 : FAIL : "
	cases := []struct{ name, err, want string }{
		{"provider library absent",
			prefix + "Failed to load library /opt/ort/libonnxruntime_providers_shared.so with error: /opt/ort/libonnxruntime_providers_shared.so: cannot open shared object file: No such file or directory",
			"/opt/ort/libonnxruntime_providers_shared.so is not there"},
		{"CUDA library missing",
			prefix + "Failed to load library libonnxruntime_providers_cuda.so with error: libcublasLt.so.13: cannot open shared object file: No such file or directory",
			"libonnxruntime_providers_cuda.so needs libcublasLt.so.13, which is not on the library path"},
		{"other loader error",
			prefix + "Failed to load library /x/libonnxruntime_providers_cuda.so with error: /x/libonnxruntime_providers_cuda.so: undefined symbol: foo",
			"cannot load libonnxruntime_providers_cuda.so: /x/libonnxruntime_providers_cuda.so: undefined symbol: foo"},
		{"not a loader error", "CUDA failure 100: no CUDA-capable device is detected\n  at x", "CUDA failure 100: no CUDA-capable device is detected at x"},
	}
	for _, c := range cases {
		if got := loaderCause(errors.New(c.err)); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}
