package node

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"

	"github.com/depthnode/depthnode/inference"
)

// pipelineJobs is one job per stage (prepare, infer, output): enough for
// every stage to work on its own frame at once.
const pipelineJobs = 3

// prepMargin is how much earlier than strictly needed the next frame is
// prepared, so the model does not wait for it when timings jitter.
const prepMargin = 2 * time.Millisecond

// pipeline runs decode+prepare, inference and finish+output on three
// goroutines: frame n+1 is prepared while n is inferred and n is published
// while n+1 is inferred, so throughput is set by the model alone. The next
// frame is taken from the latest-value slot just in time for the model to
// be free, so it is as fresh as it can be.
type pipeline struct {
	m      model
	in     *latest
	st     *stats
	log    *rateLog
	now    func() time.Time       // node time (simulated or wall)
	wants  func() inference.Tasks // what anyone reads right now
	output func(j *job)           // publishes a finished job

	free, ready, done chan *job
	jobs              []*job

	inferStart atomic.Int64 // wall-clock ns of the running inference, 0 when idle
	inferFree  chan struct{}

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func newPipeline(m model, in *latest, st *stats, log *rateLog, now func() time.Time,
	wants func() inference.Tasks, output func(*job)) *pipeline {
	p := &pipeline{
		m: m, in: in, st: st, log: log, now: now, wants: wants, output: output,
		free:      make(chan *job, pipelineJobs),
		ready:     make(chan *job),
		done:      make(chan *job),
		inferFree: make(chan struct{}, 1),
	}
	for range pipelineJobs {
		j := &job{frame: m.NewFrame()}
		p.jobs = append(p.jobs, j)
		p.free <- j
	}
	return p
}

func (p *pipeline) start() {
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	p.wg.Add(3)
	go p.runPrepare(ctx)
	go p.runInfer(ctx)
	go p.runOutput(ctx)
}

// close stops the goroutines (an inference in progress finishes first) and
// releases the frames' tensors.
func (p *pipeline) close() {
	if p.cancel != nil {
		p.cancel()
		p.wg.Wait()
	}
	for _, j := range p.jobs {
		_ = j.frame.Close()
	}
}

func (p *pipeline) runPrepare(ctx context.Context) {
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
		in, ok := p.in.take(ctx)
		if !ok {
			return
		}
		if !p.prepare(in, j) {
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

// prepare decodes and prepares in into j; false when the frame is dropped.
func (p *pipeline) prepare(in *input, j *job) bool {
	want := p.wants()
	if !want.Any() {
		p.st.addUnwanted()
		return false
	}
	t0 := time.Now()
	p.st.addLatency(StageWait, t0.Sub(in.received))
	if err := decode(in, &j.rgb); err != nil {
		reason := badReason(err)
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
	j.header = headerOf(in)
	j.stamp = j.header.Stamp
	j.received = in.received
	j.want = want
	j.prepared = time.Now()
	if arrive := in.received.Sub(j.stamp); arrive >= 0 && arrive < time.Minute {
		p.st.addLatency(StageArrive, arrive)
	}
	return true
}

func headerOf(in *input) std_msgs.Header {
	if in.compressed != nil {
		return in.compressed.Header
	}
	return in.raw.Header
}

// waitForModel returns when the model is expected to be free by the time
// a frame taken now is decoded and prepared; false when ctx ended.
func (p *pipeline) waitForModel(ctx context.Context) bool {
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

func (p *pipeline) runInfer(ctx context.Context) {
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

func (p *pipeline) runOutput(ctx context.Context) {
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
			p.free <- j
			continue
		}
		t1 := time.Now()
		p.output(j)
		t2 := time.Now()
		p.st.addLatency(StagePost, t1.Sub(t0))
		p.st.addLatency(StagePublish, t2.Sub(t1))
		p.st.addLatency(StageTotal, t2.Sub(j.received))
		// Only meaningful when the stamp is wall time from a synchronised clock
		// (not a bag's simulated time).
		if age := t2.Sub(j.stamp); age >= 0 && age < time.Minute {
			p.st.addLatency(StageAge, age)
			p.st.addLatency(StageExtra, age-j.infer)
		}
		p.st.addPublished(j.want)
		p.free <- j
	}
}
