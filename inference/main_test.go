package inference

import (
	"log/slog"

	"os"
	"path/filepath"
	"testing"

	"github.com/depthnode/depthnode/internal/logging"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// testLogger forwards log lines to the test's log.
func testLogger(t testing.TB) *slog.Logger { return logging.Printf(t.Logf) }

// fixture is the path of a committed test model (scripts/make_fixture_models.py).
func fixture(name string) string {
	return filepath.Join("..", "testdata", "models", name)
}

// openEngine opens an engine on the CPU and closes it at cleanup.
func openEngine(t testing.TB, cfg Config) *Engine {
	t.Helper()
	if cfg.Device == "" {
		cfg.Device = "cpu"
	}
	if cfg.Threads == 0 {
		cfg.Threads = 1
	}
	e, err := Open(cfg, testLogger(t))
	if err != nil {
		t.Fatalf("Open(%+v): %v", cfg, err)
	}
	t.Cleanup(func() {
		if err := e.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return e
}

// patternImage is a deterministic textured RGB image.
func patternImage(w, h int) *RGB {
	img := &RGB{Width: w, Height: h, Pix: make([]byte, w*h*3)}
	for y := range h {
		for x := range w {
			i := (y*w + x) * 3
			img.Pix[i] = byte((x*x + y*y) >> 6)
			img.Pix[i+1] = byte((x * y) >> 5)
			img.Pix[i+2] = byte(x ^ (3 * y))
		}
	}
	return img
}

func TestMainHasRuntime(t *testing.T) {
	if os.Getenv("ONNXRUNTIME_LIB") == "" {
		if _, err := os.Stat(filepath.Join("..", ".ort", libraryName)); err != nil {
			t.Fatalf("no ONNX Runtime library: run `make ort` (or set ONNXRUNTIME_LIB)")
		}
	}
}
