package pipeline

import (
	"maps"
	"sync"
	"time"

	"github.com/depthnode/depthnode/inference"
)

// Stage names of the latency figures, in pipeline order.
const (
	StageDecode  = "decode"  // message to RGB
	StagePre     = "pre"     // resize and normalise for the model
	StageInfer   = "infer"   // the model
	StagePost    = "post"    // resize back, stretch, normals
	StagePublish = "publish" // conversion to messages, Write, output stages
	StageWait    = "wait"    // received to decode start (the latest-frame slot)
	StageTotal   = "total"   // received to published
	StageAge     = "age"     // input header stamp to published (wall clock)
	StageExtra   = "extra"   // age minus the frame's own inference time: what the node adds
	StageReady   = "ready"   // prepared to inference start (the model still busy)
	StageArrive  = "arrive"  // input header stamp to the callback (transport, wall clock)
)

var stageNames = []string{StageDecode, StagePre, StageInfer, StagePost, StagePublish, StageWait, StageTotal, StageAge, StageExtra, StageReady, StageArrive}

// Stats is a snapshot of the node's counters and latencies.
type Stats struct {
	// Received counts input images (raw or compressed).
	Received uint64
	// Skipped counts frames replaced by a newer one before processing (latest frame wins).
	Skipped uint64
	// Unwanted counts frames not processed because no topic or stage wanted an output.
	Unwanted uint64
	// Published counts frames whose outputs were published.
	Published uint64
	// Bad counts rejected input by reason (encoding, dimensions, step, short_data, corrupt, ...).
	Bad map[string]uint64
	// DepthFrames and NormalsFrames count frames each task was computed for;
	// a task nobody reads is not computed.
	DepthFrames, NormalsFrames uint64
	// InferTime is the total time spent in the model (successful frames).
	InferTime time.Duration
	// InferErrors counts frames the model failed on.
	InferErrors uint64
	// LastInferError is the last model error, "" when none.
	LastInferError string
	// NonFiniteFrames counts published frames where the model gave NaN or Inf; NonFiniteDepth
	// and NonFiniteNormals count those values (at the processing size), published as NaN.
	NonFiniteFrames, NonFiniteDepth, NonFiniteNormals uint64
	// LastDone is the node time the pipeline last finished with a frame in any way (published,
	// not wanted, bad, failed); zero before the first. Input arriving while it stands still
	// means a frame is stuck (a decode or a model call that does not end).
	LastDone time.Time
	// Latency holds p50/p95 per stage (see the Stage* names).
	Latency map[string]Quantiles
	// Cameras are each camera's own counters, in ~cameras order (one entry with one camera).
	Cameras []CameraStats
}

// stats is shared by the callbacks, the pipeline and diagnostics.
type stats struct {
	mu             sync.Mutex
	received       uint64
	skipped        uint64
	unwanted       uint64
	published      uint64
	depthFrames    uint64
	inferTime      time.Duration
	normalsFrames  uint64
	bad            map[string]uint64
	inferErrors    uint64
	lastInferError string
	lastInferErrAt time.Time // node time, for the ERROR level
	lastImageAt    time.Time // node time
	lastDoneAt     time.Time // node time
	nonFinite      [3]uint64 // frames, depth values, normals values
	lat            map[string]*latency
	cams           []cameraStats
}

func newStats(cameras int) *stats {
	s := &stats{bad: map[string]uint64{}, lat: map[string]*latency{}, cams: make([]cameraStats, cameras)}
	for _, n := range stageNames {
		s.lat[n] = &latency{}
	}
	return s
}

func (s *stats) addReceived(cam int, now time.Time) {
	s.mu.Lock()
	s.received++
	s.lastImageAt = now
	s.cams[cam].received++
	s.cams[cam].lastInput = now
	s.mu.Unlock()
}

// addDone records that a frame left the pipeline, whatever became of it.
func (s *stats) addDone(now time.Time) { s.mu.Lock(); s.lastDoneAt = now; s.mu.Unlock() }

func (s *stats) addNonFinite(depth, normals int) {
	s.mu.Lock()
	s.nonFinite[0]++
	s.nonFinite[1] += uint64(depth)
	s.nonFinite[2] += uint64(normals)
	s.mu.Unlock()
}

func (s *stats) addSkipped(cam int) { s.mu.Lock(); s.skipped++; s.cams[cam].skipped++; s.mu.Unlock() }

func (s *stats) addUnwanted(cam int) {
	s.mu.Lock()
	s.unwanted++
	s.cams[cam].unwanted++
	s.mu.Unlock()
}

func (s *stats) addBad(cam int, reason string) {
	s.mu.Lock()
	s.bad[reason]++
	s.cams[cam].bad++
	s.mu.Unlock()
}

func (s *stats) addInferError(err error, now time.Time) {
	s.mu.Lock()
	s.inferErrors++
	s.lastInferError = err.Error()
	s.lastInferErrAt = now
	s.mu.Unlock()
}

func (s *stats) addLatency(stage string, d time.Duration) {
	s.mu.Lock()
	if stage == StageInfer {
		s.inferTime += d
	}
	s.lat[stage].add(d)
	s.mu.Unlock()
}

func (s *stats) addPublished(cam int, t inference.Tasks, total, age time.Duration) {
	s.mu.Lock()
	s.published++
	c := &s.cams[cam]
	c.published++
	c.total.add(total)
	if age >= 0 {
		c.age.add(age)
	}
	if t.Depth {
		s.depthFrames++
	}
	if t.Normals {
		s.normalsFrames++
	}
	s.mu.Unlock()
}

// estimate is a percentile of a stage's recent latencies, for scheduling.
func (s *stats) estimate(stage string, q float64) (time.Duration, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lat[stage].quantile(q)
}

// LastInput is the node time of the last received message, zero before the first.
func (p *Pipeline) LastInput() time.Time {
	p.st.mu.Lock()
	defer p.st.mu.Unlock()
	return p.st.lastImageAt
}

func (s *stats) snapshot() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := Stats{
		Received: s.received, Skipped: s.skipped, Unwanted: s.unwanted, Published: s.published,
		DepthFrames: s.depthFrames, InferTime: s.inferTime, NormalsFrames: s.normalsFrames,
		Bad: maps.Clone(s.bad), InferErrors: s.inferErrors, LastInferError: s.lastInferError,
		Latency:         map[string]Quantiles{},
		NonFiniteFrames: s.nonFinite[0], NonFiniteDepth: s.nonFinite[1], NonFiniteNormals: s.nonFinite[2],
		LastDone: s.lastDoneAt,
	}
	for n, l := range s.lat {
		out.Latency[n] = l.quantiles()
	}
	for i := range s.cams {
		out.Cameras = append(out.Cameras, s.cams[i].snapshot())
	}
	return out
}
