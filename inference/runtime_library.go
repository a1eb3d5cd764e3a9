package inference

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	ort "github.com/yalue/onnxruntime_go"
)

// libraryName is the ONNX Runtime core library's soname, as fetched into .ort/ by make ort.
const libraryName = "libonnxruntime.so.1"

// runtimeLibrary is the process-wide ONNX Runtime environment: onnxruntime_go allows one per
// process, so Engines share it and the last Close tears it down.
var runtimeLibrary struct {
	mu   sync.Mutex
	refs int
	path string
}

// acquireRuntime initialises the runtime on first use and counts the Engine as a user.
func acquireRuntime(configured string, log engineLog) (string, error) {
	runtimeLibrary.mu.Lock()
	defer runtimeLibrary.mu.Unlock()
	path := findRuntimeLibrary(configured)
	if runtimeLibrary.refs > 0 {
		if path != runtimeLibrary.path {
			log.Warnf("ONNX Runtime already loaded from %s; %s is not loaded (one runtime per process)", runtimeLibrary.path, path)
		}
		runtimeLibrary.refs++
		return runtimeLibrary.path, nil
	}
	ort.SetSharedLibraryPath(path)
	if err := ort.InitializeEnvironment(ort.WithLogLevelError()); err != nil {
		return "", fmt.Errorf("%w: loading %s: %v (run `make ort`, or set ONNXRUNTIME_LIB or library_path to a libonnxruntime.so >= 1.24)", ErrRuntime, path, err)
	}
	runtimeLibrary.refs, runtimeLibrary.path = 1, path
	log.Printf("ONNX Runtime %s loaded from %s", ort.GetVersion(), path)
	return path, nil
}

// releaseRuntime drops one user and destroys the environment when none is left.
func releaseRuntime() error {
	runtimeLibrary.mu.Lock()
	defer runtimeLibrary.mu.Unlock()
	if runtimeLibrary.refs == 0 {
		return nil
	}
	runtimeLibrary.refs--
	if runtimeLibrary.refs > 0 {
		return nil
	}
	runtimeLibrary.path = ""
	if err := ort.DestroyEnvironment(); err != nil {
		return fmt.Errorf("%w: destroying environment: %v", ErrRuntime, err)
	}
	return nil
}

// loadedRuntimePath is the library the process's environment was loaded from ("" when none).
func loadedRuntimePath() string {
	runtimeLibrary.mu.Lock()
	defer runtimeLibrary.mu.Unlock()
	return runtimeLibrary.path
}

// findRuntimeLibrary applies the lookup order documented on Config.LibraryPath.
func findRuntimeLibrary(configured string) string {
	if configured != "" {
		return configured
	}
	if env := os.Getenv("ONNXRUNTIME_LIB"); env != "" {
		return env
	}
	var starts []string
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		starts = append(starts, filepath.Dir(exe))
	}
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	for _, start := range starts {
		if p := findUpwards(start, filepath.Join(".ort", libraryName)); p != "" {
			return p
		}
	}
	// A bare soname lets dlopen search the system's paths (ld.so.cache, LD_LIBRARY_PATH).
	return libraryName
}

// findUpwards returns dir/rel for the nearest dir at or above start that holds rel.
func findUpwards(start, rel string) string {
	for dir := start; ; {
		p := filepath.Join(dir, rel)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// HoldRuntime loads the ONNX Runtime library as Open does, failing with Open's error, and keeps
// it loaded until release: a caller checks it before anything slow, and its Open finds it loaded.
func HoldRuntime(libraryPath string, log *slog.Logger) (release func() error, err error) {
	if _, err := acquireRuntime(libraryPath, newEngineLog(log)); err != nil {
		return nil, err
	}
	var once sync.Once
	return func() error {
		var err error
		once.Do(func() { err = releaseRuntime() })
		return err
	}, nil
}
