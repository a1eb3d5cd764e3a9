package pipeline

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/internal/logging"
)

var depthOnly = inference.Tasks{Depth: true}

func start(t *testing.T, m *fakeModel, s *fakeSink) *Pipeline {
	t.Helper()
	p := New(Config{Model: m, Sink: s, Log: logging.Printf(t.Logf)})
	p.Start()
	t.Cleanup(p.Close)
	return p
}

func stamp(n int) time.Time { return time.Unix(100, 0).Add(time.Duration(n) * time.Millisecond) }

// waitFor receives the next published frame number.
func waitFor(t *testing.T, s *fakeSink) int {
	t.Helper()
	select {
	case n := <-s.got:
		return n
	case <-time.After(5 * time.Second):
		t.Fatal("no frame published within 5 s")
	}
	return -1
}

// TestNewestFrameWins floods a slow model: outputs never go back in time, the last frame put
// is published, and every frame is either published or counted as skipped.
func TestNewestFrameWins(t *testing.T) {
	m := &fakeModel{latency: 5 * time.Millisecond}
	s := newFakeSink(depthOnly)
	p := start(t, m, s)
	const frames = 200
	for i := 1; i <= frames; i++ {
		p.Put(0, &fakeInput{n: i % 256, stamp: stamp(i)})
		time.Sleep(200 * time.Microsecond)
	}
	last := frames % 256
	for n := -1; n != last; {
		got := waitFor(t, s)
		if got < n {
			t.Fatalf("frame %d published after frame %d", got, n)
		}
		n = got
	}
	st := p.Stats()
	if st.Received != frames {
		t.Fatalf("received %d, want %d", st.Received, frames)
	}
	if st.Skipped == 0 {
		t.Fatal("no frame counted as skipped although the model was 25x slower than the camera")
	}
	if st.Published+st.Skipped != frames {
		t.Fatalf("published %d + skipped %d != %d received", st.Published, st.Skipped, frames)
	}
}

// TestNothingRunWithoutReaders: with no sink wanting an output nothing is decoded, prepared
// or run, and each frame is counted as not computed.
func TestNothingRunWithoutReaders(t *testing.T) {
	m := &fakeModel{}
	s := newFakeSink(inference.Tasks{})
	p := start(t, m, s)
	var decoded atomic.Int64
	for i := range 5 {
		p.Put(0, &fakeInput{n: i, stamp: stamp(i), decoded: &decoded})
		deadline := time.Now().Add(5 * time.Second)
		for p.Stats().Unwanted+p.Stats().Skipped < uint64(i+1) && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
	}
	if st := p.Stats(); st.Unwanted == 0 || st.Published != 0 {
		t.Fatalf("unwanted %d, published %d; want frames counted as not computed and none published", st.Unwanted, st.Published)
	}
	if decoded.Load() != 0 || m.prepared.Load() != 0 || m.runs.Load() != 0 {
		t.Fatalf("decoded %d, prepared %d, ran %d with nobody reading", decoded.Load(), m.prepared.Load(), m.runs.Load())
	}
	s.want.Store(depthOnly)
	p.Put(0, &fakeInput{n: 9, stamp: stamp(9), decoded: &decoded})
	if n := waitFor(t, s); n != 9 {
		t.Fatalf("published frame %d, want 9 once someone reads", n)
	}
}

// TestFailingFrameCostsThatFrameOnly: a bad image and a model failure each cost their own
// frame, are counted by reason, and the next good frame is published.
func TestFailingFrameCostsThatFrameOnly(t *testing.T) {
	m := &fakeModel{failOn: map[int]bool{2: true}}
	s := newFakeSink(depthOnly)
	p := start(t, m, s)
	cases := []struct {
		in   *fakeInput
		want int // published frame number, -1 = none
	}{
		{&fakeInput{n: 1, stamp: stamp(1)}, 1},
		{&fakeInput{n: 7, stamp: stamp(7), bad: fmt.Errorf("%w: truncated", inference.ErrCorrupt)}, -1},
		{&fakeInput{n: 2, stamp: stamp(2)}, -1},
		{&fakeInput{n: 3, stamp: stamp(3)}, 3},
	}
	for _, c := range cases {
		before := p.Stats()
		p.Put(0, c.in)
		if c.want >= 0 {
			if n := waitFor(t, s); n != c.want {
				t.Fatalf("published %d, want %d", n, c.want)
			}
			continue
		}
		deadline := time.Now().Add(5 * time.Second)
		for {
			st := p.Stats()
			if st.InferErrors > before.InferErrors || st.Bad["corrupt"] > before.Bad["corrupt"] {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("frame %d neither failed nor was counted: %+v", c.in.n, st)
			}
			time.Sleep(time.Millisecond)
		}
	}
	st := p.Stats()
	if st.Bad["corrupt"] != 1 || st.InferErrors != 1 || st.Published != 2 {
		t.Fatalf("bad %v, inference errors %d, published %d; want 1, 1, 2", st.Bad, st.InferErrors, st.Published)
	}
	if !errors.Is(errFake, errFake) || st.LastInferError != errFake.Error() {
		t.Fatalf("last inference error %q", st.LastInferError)
	}
}

// TestCloseUnderLoad: Close while frames flow into a slow model returns within about one
// inference, and releases every frame (goleak in TestMain checks the goroutines).
func TestCloseUnderLoad(t *testing.T) {
	m := &fakeModel{latency: 20 * time.Millisecond}
	s := newFakeSink(depthOnly)
	p := New(Config{Model: m, Sink: s})
	p.Start()
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			p.Put(0, &fakeInput{n: i % 256, stamp: stamp(i)})
			time.Sleep(100 * time.Microsecond)
		}
	}()
	waitFor(t, s)
	t0 := time.Now()
	p.Close()
	took := time.Since(t0)
	close(stop)
	<-done
	if took > time.Second {
		t.Fatalf("Close took %v under load (one inference is 20 ms)", took)
	}
	for i, f := range m.frames {
		if !f.closed.Load() {
			t.Fatalf("frame %d not closed", i)
		}
	}
}

// TestStageLatencies: the infer quantiles follow the model's latency and every published
// frame is counted in each stage's quantiles.
func TestStageLatencies(t *testing.T) {
	m := &fakeModel{latency: 3 * time.Millisecond}
	s := newFakeSink(depthOnly)
	p := start(t, m, s)
	for i := range 10 {
		p.Put(0, &fakeInput{n: i, stamp: stamp(i)})
		waitFor(t, s)
	}
	st := p.Stats()
	q := st.Latency[StageInfer]
	if q.N != 10 || q.P50 < 3*time.Millisecond || q.P95 < q.P50 {
		t.Fatalf("infer latency %+v, want 10 samples with p50 >= 3 ms <= p95", q)
	}
	for _, stage := range []string{StageDecode, StagePre, StagePost, StagePublish, StageTotal} {
		if st.Latency[stage].N != 10 {
			t.Fatalf("%s has %d samples, want 10", stage, st.Latency[stage].N)
		}
	}
	if st.DepthFrames != 10 || st.NormalsFrames != 0 {
		t.Fatalf("depth frames %d, normals frames %d", st.DepthFrames, st.NormalsFrames)
	}
}

// TestNonFiniteOutputCounted: a frame the model gave NaN on is still published (NaN there) and
// counted with its values; a clean frame adds nothing.
func TestNonFiniteOutputCounted(t *testing.T) {
	m := &fakeModel{nanOn: map[int]bool{2: true}}
	s := newFakeSink(depthOnly)
	p := start(t, m, s)
	for i := 1; i <= 3; i++ {
		p.Put(0, &fakeInput{n: i, stamp: stamp(i)})
		if got := waitFor(t, s); got != i {
			t.Fatalf("published frame %d, want %d", got, i)
		}
	}
	st := p.Stats()
	if st.NonFiniteFrames != 1 || st.NonFiniteDepth != 1 || st.NonFiniteNormals != 0 {
		t.Fatalf("non-finite frames %d, depth values %d, normals values %d; want 1, 1, 0",
			st.NonFiniteFrames, st.NonFiniteDepth, st.NonFiniteNormals)
	}
}

// TestLastDoneStandsStillWhileDecodeHangs: LastDone follows every frame that leaves the
// pipeline, bad ones included, and stops while a decode does not return, although input still
// arrives (what diagnostics' stall warning reads).
func TestLastDoneStandsStillWhileDecodeHangs(t *testing.T) {
	var clock atomic.Int64
	now := func() time.Time { return time.Unix(clock.Load(), 0) }
	m := &fakeModel{}
	s := newFakeSink(depthOnly)
	p := New(Config{Model: m, Sink: s, Now: now, Log: logging.Printf(t.Logf)})
	p.Start()
	release := make(chan struct{})
	t.Cleanup(func() { close(release); p.Close() })

	clock.Store(10)
	p.Put(0, &fakeInput{n: 1, stamp: stamp(1), bad: inference.ErrCorrupt})
	eventually(t, func() bool { return p.Stats().LastDone.Equal(time.Unix(10, 0)) })
	clock.Store(20)
	p.Put(0, &fakeInput{n: 2, stamp: stamp(2)})
	waitFor(t, s)
	eventually(t, func() bool { return p.Stats().LastDone.Equal(time.Unix(20, 0)) })
	clock.Store(30)
	p.Put(0, &hangingInput{release: release})
	time.Sleep(50 * time.Millisecond)
	clock.Store(40)
	p.Put(0, &fakeInput{n: 3, stamp: stamp(3)})
	time.Sleep(50 * time.Millisecond)
	if st := p.Stats(); !st.LastDone.Equal(time.Unix(20, 0)) || !p.LastInput().Equal(time.Unix(40, 0)) {
		t.Fatalf("LastDone %v, last input %v while a decode hangs; want 20 s and 40 s", st.LastDone.Unix(), p.LastInput().Unix())
	}
}

// hangingInput's Decode returns only when release closes, as a decode stuck in a bomb would.
type hangingInput struct{ release chan struct{} }

func (h *hangingInput) Decode(*inference.RGB) error { <-h.release; return inference.ErrCorrupt }

func (h *hangingInput) Stamp() time.Time { return stamp(0) }

func eventually(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5 s")
		}
	}
}
