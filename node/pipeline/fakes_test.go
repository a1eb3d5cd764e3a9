package pipeline

import (
	"errors"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/depthnode/depthnode/inference"
)

// fakeInput is a 2x1 image whose first pixel carries its number, or a decode failure.
type fakeInput struct {
	n       int
	stamp   time.Time
	bad     error // returned by Decode
	decoded *atomic.Int64
}

func (f *fakeInput) Decode(dst *inference.RGB) error {
	if f.decoded != nil {
		f.decoded.Add(1)
	}
	if f.bad != nil {
		return f.bad
	}
	dst.Width, dst.Height = 2, 1
	dst.Pix = append(dst.Pix[:0], byte(f.n), 0, 0, 0, 0, 0)
	return nil
}

func (f *fakeInput) Stamp() time.Time { return f.stamp }

type fakeFrame struct {
	n      int
	closed atomic.Bool
}

func (f *fakeFrame) Close() error { f.closed.Store(true); return nil }

// fakeModel runs in a controllable time and fails the frames it is told to: its "depth" is
// the image's number, so a test can tell which frame each output came from.
type fakeModel struct {
	latency  time.Duration
	failOn   map[int]bool // frame numbers Infer fails
	nanOn    map[int]bool // frame numbers whose depth is NaN (as a model overflowing fp16 gives)
	prepared atomic.Int64
	runs     atomic.Int64

	mu      sync.Mutex
	frames  []*fakeFrame
	batches []int // sizes of the batches InferBatch ran
}

var errFake = errors.New("fake model failure")

func (m *fakeModel) NewFrame() Frame {
	f := &fakeFrame{}
	m.mu.Lock()
	m.frames = append(m.frames, f)
	m.mu.Unlock()
	return f
}

func (m *fakeModel) Prepare(img *inference.RGB, f Frame) error {
	m.prepared.Add(1)
	f.(*fakeFrame).n = int(img.Pix[0])
	return nil
}

func (m *fakeModel) Infer(f Frame, want inference.Tasks) error {
	m.runs.Add(1)
	time.Sleep(m.latency)
	if m.failOn[f.(*fakeFrame).n] {
		return errFake
	}
	return nil
}

func (m *fakeModel) InferBatch(fs []Frame, want inference.Tasks) error {
	m.mu.Lock()
	m.batches = append(m.batches, len(fs))
	m.mu.Unlock()
	m.runs.Add(1)
	time.Sleep(m.latency)
	for _, f := range fs {
		if m.failOn[f.(*fakeFrame).n] {
			return errFake
		}
	}
	return nil
}

func (m *fakeModel) Finish(f Frame, out *inference.Result) error {
	out.Width, out.Height = 2, 1
	n := f.(*fakeFrame).n
	out.Depth = append(out.Depth[:0], float32(n), 0)
	out.DepthNonFinite = 0
	if m.nanOn[n] {
		out.Depth[1] = float32(math.NaN())
		out.DepthNonFinite = 1
	}
	return nil
}

// fakeSink wants what it is told and records the frame numbers it was given, per camera.
type fakeSink struct {
	want      atomic.Value // inference.Tasks
	mu        sync.Mutex
	published []int
	perCam    map[int][]int
	got       chan int
}

func newFakeSink(want inference.Tasks) *fakeSink {
	s := &fakeSink{got: make(chan int, 1000), perCam: map[int][]int{}}
	s.want.Store(want)
	return s
}

func (s *fakeSink) Wants(int) inference.Tasks { return s.want.Load().(inference.Tasks) }

func (s *fakeSink) Publish(f *Finished) {
	n := int(f.Result.Depth[0])
	s.mu.Lock()
	s.published = append(s.published, n)
	s.perCam[f.Camera] = append(s.perCam[f.Camera], n)
	s.mu.Unlock()
	s.got <- n
}
