package pipeline

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/depthnode/depthnode/internal/ratelog"
)

// jobs is one job per stage (prepare, infer, output): enough for every stage to work on its
// own frame at once.
const jobs = 3

// prepMargin is how much earlier than strictly needed the next frame is prepared, so the
// model does not wait for it when timings jitter.
const prepMargin = 2 * time.Millisecond

// badInputLogPeriod is the least time between two log lines about the same kind of bad input.
const badInputLogPeriod = 5 * time.Second

// Config is what a pipeline runs with.
type Config struct {
	// Model runs the frames.
	Model Model
	// Sink decides what to compute and publishes the results.
	Sink Sink
	// Now is node time (simulated or wall), for the counters diagnostics read; nil = time.Now.
	Now func() time.Time
	// Log receives the rate-limited lines about dropped frames (WARN); nil discards.
	Log *slog.Logger
}

// Pipeline runs decode+prepare, inference and finish+output on three goroutines: frame n+1 is
// prepared while n is inferred and n is published while n+1 is inferred, so throughput is set
// by the model alone. The next frame is taken from the latest-value slot just in time for the
// model to be free, so it is as fresh as it can be.
type Pipeline struct {
	m    Model
	sink Sink
	in   *slot
	st   *stats
	log  *ratelog.Limiter
	now  func() time.Time

	free, ready, done chan *job
	jobs              []*job

	inferStart atomic.Int64 // wall-clock ns of the running inference, 0 when idle
	inferFree  chan struct{}

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// New builds a pipeline with its jobs; Start runs it.
func New(cfg Config) *Pipeline {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	p := &Pipeline{
		m: cfg.Model, sink: cfg.Sink, in: newSlot(), st: newStats(), now: cfg.Now,
		log:       ratelog.New(cfg.Log, badInputLogPeriod),
		free:      make(chan *job, jobs),
		ready:     make(chan *job),
		done:      make(chan *job),
		inferFree: make(chan struct{}, 1),
	}
	for range jobs {
		j := &job{frame: cfg.Model.NewFrame()}
		p.jobs = append(p.jobs, j)
		p.free <- j
	}
	return p
}

// Start runs the three goroutines until Close.
func (p *Pipeline) Start() {
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	p.wg.Add(3)
	go p.runPrepare(ctx)
	go p.runInfer(ctx)
	go p.runOutput(ctx)
}

// Put hands a received message to the pipeline and returns at once; a message not yet taken
// is replaced (newest wins) and counted as skipped.
func (p *Pipeline) Put(in Input) {
	p.st.addReceived(p.now())
	if p.in.put(&arrival{in: in, received: time.Now()}) {
		p.st.addSkipped()
	}
}

// Stats returns the counters and latencies so far.
func (p *Pipeline) Stats() Stats { return p.st.snapshot() }

// Close stops the goroutines (an inference in progress finishes first) and releases the
// frames' buffers. It is safe to call once, started or not.
func (p *Pipeline) Close() {
	if p.cancel != nil {
		p.cancel()
		p.wg.Wait()
	}
	for _, j := range p.jobs {
		_ = j.frame.Close()
	}
}

func (p *Pipeline) runPrepare(ctx context.Context) {
	defer p.wg.Done()
	for {
		var j *job
		select {
		case j = <-p.free:
		case <-ctx.Done():
			return
		}
		if !p.waitForModel(ctx) {
			return
		}
		a, ok := p.in.take(ctx)
		if !ok {
			return
		}
		if !p.prepare(a, j) {
			p.st.addDone(p.now())
			p.free <- j
			continue
		}
		select {
		case p.ready <- j:
		case <-ctx.Done():
			return
		}
	}
}

// prepare decodes and prepares a into j; false when the frame is dropped.
func (p *Pipeline) prepare(a *arrival, j *job) bool {
	want := p.sink.Wants()
	if !want.Any() {
		p.st.addUnwanted()
		return false
	}
	t0 := time.Now()
	p.st.addLatency(StageWait, t0.Sub(a.received))
	if err := a.in.Decode(&j.rgb); err != nil {
		reason := BadReason(err)
		p.st.addBad(reason)
		p.log.Printf("bad:"+reason, "dropped an input image (%s): %v", reason, err)
		return false
	}
	t1 := time.Now()
	if err := p.m.Prepare(&j.rgb, j.frame); err != nil {
		p.st.addBad("prepare")
		p.log.Printf("bad:prepare", "dropped an input image the model cannot take: %v", err)
		return false
	}
	t2 := time.Now()
	p.st.addLatency(StageDecode, t1.Sub(t0))
	p.st.addLatency(StagePre, t2.Sub(t1))
	j.in = a.in
	j.stamp = a.in.Stamp()
	j.received = a.received
	j.want = want
	j.prepared = time.Now()
	if arrive := a.received.Sub(j.stamp); arrive >= 0 && arrive < time.Minute {
		p.st.addLatency(StageArrive, arrive)
	}
	return true
}

// waitForModel returns when the model is expected to be free by the time a frame taken now
// is decoded and prepared; false when ctx ended.
func (p *Pipeline) waitForModel(ctx context.Context) bool {
	for {
		start := p.inferStart.Load()
		if start == 0 {
			return true
		}
		infer, ok1 := p.st.estimate(StageInfer, 0.50)
		dec, ok2 := p.st.estimate(StageDecode, 0.90)
		pre, ok3 := p.st.estimate(StagePre, 0.90)
		if !ok1 || !ok2 || !ok3 {
			return true
		}
		wait := time.Until(time.Unix(0, start).Add(infer - dec - pre - prepMargin))
		if wait <= 0 {
			return true
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
			return true
		case <-p.inferFree:
			t.Stop()
		case <-ctx.Done():
			t.Stop()
			return false
		}
	}
}

func (p *Pipeline) runInfer(ctx context.Context) {
	defer p.wg.Done()
	for {
		var j *job
		select {
		case j = <-p.ready:
		case <-ctx.Done():
			return
		}
		t0 := time.Now()
		p.st.addLatency(StageReady, t0.Sub(j.prepared))
		p.inferStart.Store(t0.UnixNano())
		err := p.m.Infer(j.frame, j.want)
		p.inferStart.Store(0)
		select {
		case p.inferFree <- struct{}{}:
		default:
		}
		if err != nil {
			p.st.addInferError(err, p.now())
			p.log.Printf("infer", "inference failed on the frame stamped %v: %v", j.stamp, err)
			p.st.addDone(p.now())
			p.free <- j
			continue
		}
		j.infer = time.Since(t0)
		p.st.addLatency(StageInfer, j.infer)
		select {
		case p.done <- j:
		case <-ctx.Done():
			return
		}
	}
}

func (p *Pipeline) runOutput(ctx context.Context) {
	defer p.wg.Done()
	for {
		var j *job
		select {
		case j = <-p.done:
		case <-ctx.Done():
			return
		}
		t0 := time.Now()
		// Outputs that were not wanted stay empty instead of showing an older frame.
		j.res.Depth, j.res.Normals = j.res.Depth[:0], j.res.Normals[:0]
		if err := p.m.Finish(j.frame, &j.res); err != nil {
			p.st.addInferError(err, p.now())
			p.log.Printf("finish", "post-processing failed on the frame stamped %v: %v", j.stamp, err)
			p.st.addDone(p.now())
			p.free <- j
			continue
		}
		if d, n := j.res.DepthNonFinite, j.res.NormalsNonFinite; d+n > 0 {
			p.st.addNonFinite(d, n)
			p.log.Printf("nonfinite", "the model gave NaN/Inf on the frame stamped %v (%d depth, %d normals values); published as NaN", j.stamp, d, n)
		}
		t1 := time.Now()
		p.sink.Publish(&Finished{Input: j.in, Image: &j.rgb, Result: &j.res, Want: j.want})
		t2 := time.Now()
		p.st.addLatency(StagePost, t1.Sub(t0))
		p.st.addLatency(StagePublish, t2.Sub(t1))
		p.st.addLatency(StageTotal, t2.Sub(j.received))
		// Only meaningful when the stamp is wall time from a synchronised clock (not a bag's
		// simulated time).
		if age := t2.Sub(j.stamp); age >= 0 && age < time.Minute {
			p.st.addLatency(StageAge, age)
			p.st.addLatency(StageExtra, age-j.infer)
		}
		p.st.addPublished(j.want)
		p.st.addDone(p.now())
		j.in = nil // keep no reference to the message past its frame
		p.free <- j
	}
}

// CountBad counts one input rejected before it reached the pipeline (a message the transport
// refused) under reason, beside the pipeline's own.
func (p *Pipeline) CountBad(reason string) { p.st.addBad(reason) }
