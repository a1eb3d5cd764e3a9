package node

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"

	"github.com/depthnode/depthnode/node/diag"
)

// staleAfter is how long without an input image before diagnostics warn.
const staleAfter = 5 * time.Second

// stallAfter is how long input may arrive with no frame leaving the pipeline (a decode or a
// model call that does not end) before diagnostics warn.
const stallAfter = 5 * time.Second

// diagnostics builds the node's DiagnosticStatus from two snapshots taken
// one (node-time) period apart.
type diagnostics struct {
	name, hardware, model, input string
	started                      time.Time // node time
	prev                         Stats
	prevAt                       time.Time
	// inboundLimit is the largest message goroslib accepts, as /diagnostics says it.
	inboundLimit string
	// oversize, when set, says why the input topic's messages never arrive (goroslib's limit).
	oversize func() string
	// slowDropped counts topic messages dropped because slow subscribers held topics.MaxHeld.
	slowDropped func() uint64
}

func (d *diagnostics) status(s Stats, lastImage, now time.Time) diagnostic_msgs.DiagnosticStatus {
	dt := now.Sub(d.prevAt).Seconds()
	rate := func(cur, prev uint64) string { return diag.Rate(cur, prev, dt) }
	st := diagnostic_msgs.DiagnosticStatus{
		Level:      diagnostic_msgs.DiagnosticStatus_OK,
		Name:       d.name,
		Message:    "running",
		HardwareId: d.hardware,
	}
	kv, u := diag.Adders(&st)
	kv("model", d.model)
	kv("device", d.hardware)
	kv("input topic", d.input)
	kv("input rate (Hz)", rate(s.Received, d.prev.Received))
	kv("output rate (Hz)", rate(s.Published, d.prev.Published))
	kv("received", u(s.Received))
	kv("published", u(s.Published))
	kv("dropped (newer frame waiting)", u(s.Skipped))
	kv("not computed (no subscriber)", u(s.Unwanted))
	kv("frames with depth", u(s.DepthFrames))
	kv("frames with normals", u(s.NormalsFrames))
	var bad uint64
	for _, reason := range slices.Sorted(maps.Keys(s.Bad)) {
		bad += s.Bad[reason]
		kv("bad input: "+reason, u(s.Bad[reason]))
	}
	kv("bad input total", u(bad))
	kv("inference errors", u(s.InferErrors))
	kv("frames with NaN/Inf model output", u(s.NonFiniteFrames))
	kv("NaN/Inf values (depth / normals)", u(s.NonFiniteDepth)+" / "+u(s.NonFiniteNormals))
	if d.slowDropped != nil {
		kv("dropped for slow subscribers (topic messages)", u(d.slowDropped()))
	}
	if d.inboundLimit != "" {
		kv("inbound message limit (goroslib)", d.inboundLimit)
	}
	var oversize string
	if d.oversize != nil {
		oversize = d.oversize()
	}
	if oversize != "" {
		kv("input refused for size", oversize)
	}
	done := s.LastDone
	if done.IsZero() || done.Before(d.started) {
		done = d.started
	}
	for _, stage := range []string{StageDecode, StagePre, StageInfer, StagePost, StagePublish, StageTotal} {
		q := s.Latency[stage]
		kv(stage+" latency p50/p95 (ms)", fmt.Sprintf("%.1f / %.1f", ms(q.P50), ms(q.P95)))
	}

	switch {
	case s.InferErrors > d.prev.InferErrors:
		st.Level = diagnostic_msgs.DiagnosticStatus_ERROR
		st.Message = "inference failed: " + s.LastInferError
	case !lastImage.IsZero() && now.Sub(lastImage) <= staleAfter && lastImage.After(done) && now.Sub(done) > stallAfter:
		st.Level = diagnostic_msgs.DiagnosticStatus_WARN
		st.Message = fmt.Sprintf("input but no output for %.0f s (a frame stuck in decoding or the model)", now.Sub(done).Seconds())
	case s.NonFiniteFrames > d.prev.NonFiniteFrames:
		st.Level = diagnostic_msgs.DiagnosticStatus_WARN
		st.Message = fmt.Sprintf("the model gave NaN/Inf on %d frames (published as NaN)", s.NonFiniteFrames-d.prev.NonFiniteFrames)
	case oversize != "" && (lastImage.IsZero() || now.Sub(lastImage) > staleAfter):
		st.Level = diagnostic_msgs.DiagnosticStatus_WARN
		st.Message = oversize
	case lastImage.IsZero() && now.Sub(d.started) > staleAfter:
		st.Level = diagnostic_msgs.DiagnosticStatus_WARN
		st.Message = "no image received yet on " + d.input
	case !lastImage.IsZero() && now.Sub(lastImage) > staleAfter:
		st.Level = diagnostic_msgs.DiagnosticStatus_WARN
		st.Message = fmt.Sprintf("no image for %.0f s on %s", now.Sub(lastImage).Seconds(), d.input)
	case bad > mapSum(d.prev.Bad):
		st.Level = diagnostic_msgs.DiagnosticStatus_WARN
		st.Message = "rejected bad input images"
	}
	d.prev, d.prevAt = s, now
	return st
}

func diagnosticArray(now time.Time, status []diagnostic_msgs.DiagnosticStatus) *diagnostic_msgs.DiagnosticArray {
	return &diagnostic_msgs.DiagnosticArray{Header: std_msgs.Header{Stamp: now}, Status: status}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func mapSum(m map[string]uint64) uint64 {
	var s uint64
	for _, v := range m {
		s += v
	}
	return s
}
