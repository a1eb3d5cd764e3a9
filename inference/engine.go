package inference

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	ort "github.com/yalue/onnxruntime_go"
)

// Engine runs the configured depth and normals models on frames. Prepare and Finish may run
// on other goroutines than Infer (each on its own Frame); Infer is for one goroutine at a time.
type Engine struct {
	cfg    Config
	log    engineLog
	device DeviceSpec
	lib    string
	// runtimeVersion is read at Open: Describe must not call into a runtime Close may unload.
	runtimeVersion string

	sessions     []*modelSession
	depth        *modelSession // nil when depth is disabled
	normals      *modelSession // nil when normals are disabled; may equal depth
	anyHalfInput bool
	res          int // processing resolution, 0 = native
	workers      int // row bands per frame (Config.Workers resolved for the device)
	padMultiple  int
	fixedW       int
	fixedH       int
	convention   NormalsConvention

	runs   atomic.Int64 // session runs, for tests and diagnostics
	closed atomic.Bool
	// life is held shared by Prepare, Infer and Finish (which touch runtime objects, see use)
	// and exclusively by Close, so a Close racing a running frame waits instead of freeing what
	// the frame uses.
	life   sync.RWMutex
	mu     sync.Mutex
	frames map[*Frame]struct{}
	// runFrame is the Frame Run reuses.
	runFrame *Frame
	// batch holds InferBatch's [N,...] tensors (the infer goroutine's only).
	batch *batchTensors
}

// Open loads the models (refusing a non-contract model with one clear line), picks the execution
// provider, and warms the sessions up so the first camera frame is not the slow one.
func Open(cfg Config, log *slog.Logger) (*Engine, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	plog := newEngineLog(log)
	lib, err := acquireRuntime(cfg.LibraryPath, plog)
	if err != nil {
		return nil, err
	}
	e := &Engine{cfg: cfg, log: plog, lib: lib, runtimeVersion: ort.GetVersion(), frames: map[*Frame]struct{}{}}
	if err := e.load(); err != nil {
		e.closeSessions()
		releaseRuntime()
		return nil, err
	}
	e.workers = workersFor(cfg.Workers, e.device, runtime.NumCPU())
	if err := e.warmUp(); err != nil {
		e.Close()
		return nil, err
	}
	e.log.Printf("%s", e.Describe())
	return e, nil
}

// load inspects the model files, then opens one session per distinct file.
func (e *Engine) load() error {
	type role struct {
		path  string
		tasks Tasks
		spec  *modelSpec
	}
	var roles []*role
	add := func(path string, t Tasks) {
		for _, r := range roles {
			// "m.onnx" and "./m.onnx" are one file: one session.
			if samePath(r.path, path) {
				r.tasks.Depth = r.tasks.Depth || t.Depth
				r.tasks.Normals = r.tasks.Normals || t.Normals
				return
			}
		}
		roles = append(roles, &role{path: path, tasks: t})
	}
	if e.cfg.DepthModel != "" {
		add(e.cfg.DepthModel, Tasks{Depth: true})
	}
	if e.cfg.NormalsModel != "" {
		add(e.cfg.NormalsModel, Tasks{Normals: true})
	}
	for _, r := range roles {
		spec, err := inspectModel(r.path)
		if err != nil {
			return err
		}
		if r.tasks.Depth && spec.depth == nil {
			return fmt.Errorf("%w: %s: given as depth_model but has no %q output", ErrModel, r.path, outputDepth)
		}
		if r.tasks.Normals && spec.normals == nil {
			return fmt.Errorf("%w: %s: given as normals_model but has no %q output", ErrModel, r.path, outputNormals)
		}
		r.spec = spec
	}
	device, err := ParseDevice(e.cfg.Device)
	if err != nil {
		return err
	}
	e.device, err = e.pickDevice(device)
	if err != nil {
		return err
	}
	for _, r := range roles {
		m, err := e.openOn(r.spec, r.tasks)
		if err != nil {
			return err
		}
		e.sessions = append(e.sessions, m)
		if r.tasks.Depth {
			e.depth = m
		}
		if r.tasks.Normals {
			e.normals = m
		}
	}
	return e.resolveGeometry()
}

// resolveGeometry merges the models' metadata into the engine's processing parameters.
func (e *Engine) resolveGeometry() error {
	e.padMultiple = 1
	metaRes := 0
	for _, m := range e.sessions {
		e.padMultiple = lcm(e.padMultiple, m.spec.padMultiple)
		e.anyHalfInput = e.anyHalfInput || m.spec.half
		if metaRes == 0 {
			metaRes = m.spec.processingRes
		}
		for _, fixed := range [][2]*int{{&e.fixedW, &m.spec.fixedW}, {&e.fixedH, &m.spec.fixedH}} {
			if *fixed[1] == 0 {
				continue
			}
			if *fixed[0] != 0 && *fixed[0] != *fixed[1] {
				return fmt.Errorf("%w: %s: static input size differs from the other model's", ErrModel, m.spec.path)
			}
			*fixed[0] = *fixed[1]
		}
	}
	if e.normals != nil {
		e.convention = e.normals.spec.convention
	}
	e.res = e.cfg.ProcessingRes
	if e.res < 0 {
		e.res = DefaultProcessingRes
		if metaRes > 0 {
			e.res = metaRes
		}
	}
	return nil
}

// samePath reports whether two model paths name the same file.
func samePath(a, b string) bool {
	if a == b {
		return true
	}
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}

// Close releases the sessions, the frames' tensors and this engine's hold on the runtime.
func (e *Engine) Close() error {
	e.life.Lock()
	defer e.life.Unlock()
	if e.closed.Swap(true) {
		return nil
	}
	e.mu.Lock()
	frames := e.frames
	e.frames = map[*Frame]struct{}{}
	e.runFrame = nil
	e.mu.Unlock()
	var errs []error
	for f := range frames {
		errs = append(errs, f.destroyTensors())
	}
	if e.batch != nil {
		errs = append(errs, e.batch.frame.destroyTensors())
		e.batch = nil
	}
	errs = append(errs, e.closeSessions(), releaseRuntime())
	return errors.Join(errs...)
}

func (e *Engine) closeSessions() error {
	var errs []error
	for _, m := range e.sessions {
		errs = append(errs, m.close())
	}
	e.sessions = nil
	return errors.Join(errs...)
}

// Tasks reports what the loaded models can produce.
func (e *Engine) Tasks() Tasks { return Tasks{Depth: e.depth != nil, Normals: e.normals != nil} }

// Device reports the provider actually used, e.g. "cpu", "cuda:0".
func (e *Engine) Device() string { return e.device.String() }

// ProcessingRes reports the resolved processing resolution (0 = native).
func (e *Engine) ProcessingRes() int { return e.res }

// NormalsConvention reports the normals model's native convention (for display).
func (e *Engine) NormalsConvention() NormalsConvention { return e.convention }

// Describe is one line: models, dtype, device, processing resolution.
func (e *Engine) Describe() string {
	var parts []string
	for _, m := range e.sessions {
		dtype := "float32"
		if m.spec.half {
			dtype = "float16"
		}
		what := m.serves.String()
		if m.serves.Normals {
			what += " (" + m.spec.convention.String() + " normals)"
		}
		parts = append(parts, fmt.Sprintf("%s: %s %s", what, m.spec.path, dtype))
	}
	res := "native"
	if e.res > 0 {
		res = fmt.Sprint(e.res)
	}
	return fmt.Sprintf("%s; device %s; processing_res %s; pad %d; depth_stretch %t; pre/post kernels %s x%d; ONNX Runtime %s",
		strings.Join(parts, "; "), e.device, res, e.padMultiple, e.cfg.DepthStretch, KernelISA(), e.workers, e.runtimeVersion)
}
