package inference

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestFindRuntimeLibrary(t *testing.T) {
	root := t.TempDir()
	lib := filepath.Join(root, ".ort", libraryName)
	if err := os.MkdirAll(filepath.Dir(lib), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(lib, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(deep)
	cases := []struct {
		name, configured, env, want string
	}{
		{"configured wins", "/opt/ort/libonnxruntime.so", "/env/lib.so", "/opt/ort/libonnxruntime.so"},
		{"then ONNXRUNTIME_LIB", "", "/env/lib.so", "/env/lib.so"},
		{"then .ort above the working directory", "", "", lib},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("ONNXRUNTIME_LIB", tc.env)
			if got := findRuntimeLibrary(tc.configured); got != tc.want {
				t.Errorf("findRuntimeLibrary(%q) = %q, want %q", tc.configured, got, tc.want)
			}
		})
	}
	t.Run("then the system's", func(t *testing.T) {
		t.Setenv("ONNXRUNTIME_LIB", "")
		t.Chdir(t.TempDir())
		// The test binary lives in a temporary build folder with no .ort above it.
		if got := findRuntimeLibrary(""); got != libraryName {
			t.Errorf("findRuntimeLibrary = %q, want the bare soname for dlopen's search", got)
		}
	})
}

func TestOpenWithNilLoggerAndUnloadableLibrary(t *testing.T) {
	e, err := Open(Config{DepthModel: fixture("depth_mean.onnx"), Device: "cpu", LibraryPath: filepath.Join(t.TempDir(), "missing.so")}, nil)
	if err == nil {
		// The runtime was already loaded by another engine in this process: the configured path
		// is not reloaded, which the log says.
		e.Close()
		t.Skip("runtime already loaded in this process")
	}
	if !errors.Is(err, ErrRuntime) {
		t.Fatalf("error %v is not ErrRuntime", err)
	}
	// A later engine with a good library still works.
	good := openEngine(t, Config{DepthModel: fixture("depth_mean.onnx")})
	if good.Device() != "cpu" {
		t.Errorf("device %s", good.Device())
	}
}

func TestSameModelFileOneSession(t *testing.T) {
	e := openEngine(t, Config{DepthModel: fixture("both.onnx"), NormalsModel: "./" + fixture("both.onnx")})
	if len(e.sessions) != 1 {
		t.Errorf("%d sessions for one file named two ways", len(e.sessions))
	}
}

func TestNormalsConventionRoundTrip(t *testing.T) {
	// A fronto-parallel wall is (0,0,1) natively in both conventions, (0,0,-1) in the optical
	// frame; a surface facing left is +x in E2E-FT, -x in Marigold, and -x optical.
	for _, c := range []NormalsConvention{ConventionE2EFT, ConventionMarigold} {
		s := c.opticalSigns()
		if s[2]*1 != -1 {
			t.Errorf("%s: wall maps to z=%v optical", c, s[2])
		}
		left := float32(1)
		if c == ConventionMarigold {
			left = -1
		}
		if s[0]*left != -1 {
			t.Errorf("%s: a left-facing surface maps to x=%v optical", c, s[0]*left)
		}
		if x, y, z := c.ToNative(s[0]*0.6, s[1]*0.8, s[2]*0); x != 0.6 || y != 0.8 || z != 0 {
			t.Errorf("%s: ToNative does not undo the optical conversion: %v %v %v", c, x, y, z)
		}
	}
}

// TestHoldRuntimeKeepsItForOpen: a hold keeps the runtime loaded across an engine's life, and
// releasing it twice drops one reference only.
func TestHoldRuntimeKeepsItForOpen(t *testing.T) {
	release, err := HoldRuntime("", testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	loaded := loadedRuntimePath()
	openEngine(t, Config{DepthModel: fixture("depth_mean.onnx")}).Close()
	if got := loadedRuntimePath(); got == "" || got != loaded {
		t.Fatalf("after an engine closed under a hold: loaded %q, want %q", got, loaded)
	}
	other, err := HoldRuntime("", testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	if loadedRuntimePath() == "" {
		t.Fatal("a second release of one hold dropped another's reference")
	}
	if err := other(); err != nil {
		t.Fatal(err)
	}
}
