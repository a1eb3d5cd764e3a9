package pipeline

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/depthnode/depthnode/internal/ratelog"
)

// inFlight is one batch per stage (prepare, infer, output): enough for every stage to work on
// its own batch at once, and so the number of jobs each camera needs.
const inFlight = 3

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
	// Cameras is how many cameras feed the pipeline (0 = 1); Put names one by its index.
	Cameras int
	// Now is node time (simulated or wall), for the counters diagnostics read; nil = time.Now.
	Now func() time.Time
	// Log receives the rate-limited lines about dropped frames (WARN); nil discards.
	Log *slog.Logger
}

// Pipeline runs decode+prepare, inference and finish+output on three goroutines: batch n+1
// is prepared while n is inferred and n is published while n+1 is inferred, so throughput is
// set by the model alone. A batch holds each camera's newest frame (one per camera, so none
// starves), taken from the cameras' latest-value slots just in time for the model to be free,
// so every frame is as fresh as it can be. With one camera a batch is one frame.
type Pipeline struct {
	m    Model
	sink Sink
	in   []*slot
	st   *stats
	log  *ratelog.Limiter
	now  func() time.Time
	next int // the camera the next batch looks at first (round robin)

	arrived           chan struct{} // some slot has a message
	jobs              []chan *job   // per camera, its free jobs
	free, ready, done chan *batch
	all               []*job

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
	cams := max(cfg.Cameras, 1)
	p := &Pipeline{
		m: cfg.Model, sink: cfg.Sink, st: newStats(cams), now: cfg.Now,
		log:       ratelog.New(cfg.Log, badInputLogPeriod),
		arrived:   make(chan struct{}, 1),
		free:      make(chan *batch, inFlight),
		ready:     make(chan *batch),
		done:      make(chan *batch),
		inferFree: make(chan struct{}, 1),
	}
	for c := range cams {
		p.in = append(p.in, newSlot(p.arrived))
		pool := make(chan *job, inFlight)
		for range inFlight {
			j := &job{cam: c, frame: cfg.Model.NewFrame()}
			p.all = append(p.all, j)
			pool <- j
		}
		p.jobs = append(p.jobs, pool)
	}
	for range inFlight {
		p.free <- &batch{}
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

// Put hands camera cam's received message to the pipeline and returns at once; a message not
// yet taken is replaced (newest wins) and counted as skipped. An unknown cam is ignored.
func (p *Pipeline) Put(cam int, in Input) {
	if cam < 0 || cam >= len(p.in) {
		return
	}
	p.st.addReceived(cam, p.now())
	if p.in[cam].put(&arrival{in: in, received: time.Now()}) {
		p.st.addSkipped(cam)
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
	for _, j := range p.all {
		_ = j.frame.Close()
	}
}

func (p *Pipeline) runPrepare(ctx context.Context) {
	defer p.wg.Done()
	for {
		var b *batch
		select {
		case b = <-p.free:
		case <-ctx.Done():
			return
		}
		if !p.waitForModel(ctx) {
			return
		}
		for b.reset(); len(b.jobs) == 0; {
			if !p.collect(ctx, b) {
				return
			}
		}
		select {
		case p.ready <- b:
		case <-ctx.Done():
			return
		}
	}
}

// collect waits for messages and prepares each camera's newest one into b, starting with a
// different camera each time; false when ctx ended.
func (p *Pipeline) collect(ctx context.Context, b *batch) bool {
	select {
	case <-p.arrived:
	case <-ctx.Done():
		return false
	}
	n := len(p.in)
	for k := range n {
		cam := (p.next + k) % n
		a := p.in[cam].take()
		if a == nil {
			continue
		}
		j := <-p.jobs[cam] // never waits: a camera has a job for each batch in flight
		if p.prepare(a, j) {
			b.add(j)
		} else {
			p.st.addDone(p.now()) // dropped: it left the pipeline too
			p.jobs[cam] <- j
		}
	}
	p.next = (p.next + 1) % n
	return true
}

// prepare decodes and prepares a into j; false when the frame is dropped.
func (p *Pipeline) prepare(a *arrival, j *job) bool {
	want := p.sink.Wants(j.cam)
	if !want.Any() {
		p.st.addUnwanted(j.cam)
		return false
	}
	t0 := time.Now()
	p.st.addLatency(StageWait, t0.Sub(a.received))
	if err := a.in.Decode(&j.rgb); err != nil {
		reason := BadReason(err)
		p.st.addBad(j.cam, reason)
		p.log.Printf("bad:"+reason, "dropped an input image (%s): %v", reason, err)
		return false
	}
	t1 := time.Now()
	if err := p.m.Prepare(&j.rgb, j.frame); err != nil {
		p.st.addBad(j.cam, "prepare")
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
		var b *batch
		select {
		case b = <-p.ready:
		case <-ctx.Done():
			return
		}
		t0 := time.Now()
		for _, j := range b.jobs {
			p.st.addLatency(StageReady, t0.Sub(j.prepared))
		}
		p.inferStart.Store(t0.UnixNano())
		var err error
		if len(b.jobs) == 1 {
			err = p.m.Infer(b.frames[0], b.jobs[0].want)
		} else {
			err = p.m.InferBatch(b.frames, b.want)
		}
		p.inferStart.Store(0)
		select {
		case p.inferFree <- struct{}{}:
		default:
		}
		if err != nil {
			p.st.addInferError(err, p.now())
			p.log.Printf("infer", "inference failed on %d frame(s), the first stamped %v: %v", len(b.jobs), b.jobs[0].stamp, err)
			p.st.addDone(p.now())
			p.release(b)
			continue
		}
		took := time.Since(t0)
		for _, j := range b.jobs {
			j.infer = took
		}
		p.st.addLatency(StageInfer, took)
		select {
		case p.done <- b:
		case <-ctx.Done():
			return
		}
	}
}

func (p *Pipeline) runOutput(ctx context.Context) {
	defer p.wg.Done()
	for {
		var b *batch
		select {
		case b = <-p.done:
		case <-ctx.Done():
			return
		}
		for _, j := range b.jobs {
			p.output(j)
		}
		p.release(b)
	}
}

// output finishes and publishes one job.
func (p *Pipeline) output(j *job) {
	t0 := time.Now()
	// Outputs that were not wanted stay empty instead of showing an older frame.
	j.res.Depth, j.res.Normals = j.res.Depth[:0], j.res.Normals[:0]
	if err := p.m.Finish(j.frame, &j.res); err != nil {
		p.st.addInferError(err, p.now())
		p.log.Printf("finish", "post-processing failed on the frame stamped %v: %v", j.stamp, err)
		p.st.addDone(p.now())
		return
	}
	if d, n := j.res.DepthNonFinite, j.res.NormalsNonFinite; d+n > 0 {
		p.st.addNonFinite(d, n)
		p.log.Printf("nonfinite", "the model gave NaN/Inf on the frame stamped %v (%d depth, %d normals values); published as NaN", j.stamp, d, n)
	}
	t1 := time.Now()
	p.sink.Publish(&Finished{Camera: j.cam, Input: j.in, Image: &j.rgb, Result: &j.res, Want: j.want})
	t2 := time.Now()
	p.st.addLatency(StagePost, t1.Sub(t0))
	p.st.addLatency(StagePublish, t2.Sub(t1))
	p.st.addLatency(StageTotal, t2.Sub(j.received))
	// Only meaningful when the stamp is wall time from a synchronised clock (not a bag's
	// simulated time).
	age := t2.Sub(j.stamp)
	if age >= 0 && age < time.Minute {
		p.st.addLatency(StageAge, age)
		p.st.addLatency(StageExtra, age-j.infer)
	} else {
		age = -1
	}
	p.st.addPublished(j.cam, j.want, t2.Sub(j.received), age)
	p.st.addDone(p.now())
}

// release gives a batch's jobs back to their cameras and the batch to the prepare stage.
func (p *Pipeline) release(b *batch) {
	for _, j := range b.jobs {
		j.in = nil // keep no reference to the message past its frame
		p.jobs[j.cam] <- j
	}
	b.reset()
	p.free <- b
}

// CountBad counts one of camera cam's inputs rejected before it reached the pipeline (a
// message the transport refused) under reason, beside the pipeline's own.
func (p *Pipeline) CountBad(cam int, reason string) {
	if cam >= 0 && cam < len(p.in) {
		p.st.addBad(cam, reason)
	}
}
