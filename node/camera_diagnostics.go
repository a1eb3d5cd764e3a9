package node

import (
	"fmt"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"

	"github.com/depthnode/depthnode/node/diag"
	"github.com/depthnode/depthnode/node/pipeline"
)

// cameraDiagnostics is one camera's status when the node serves several: its own rates,
// drops and latencies, WARN when it stopped sending.
type cameraDiagnostics struct {
	name, input string
	started     time.Time // node time
	prev        pipeline.CameraStats
	prevAt      time.Time
}

func (d *cameraDiagnostics) status(s pipeline.CameraStats, now time.Time) diagnostic_msgs.DiagnosticStatus {
	dt := now.Sub(d.prevAt).Seconds()
	rate := func(cur, prev uint64) string { return diag.Rate(cur, prev, dt) }
	st := diagnostic_msgs.DiagnosticStatus{Level: diagnostic_msgs.DiagnosticStatus_OK, Name: d.name, Message: "running"}
	kv, u := diag.Adders(&st)
	kv("input topic", d.input)
	kv("input rate (Hz)", rate(s.Received, d.prev.Received))
	kv("output rate (Hz)", rate(s.Published, d.prev.Published))
	kv("received", u(s.Received))
	kv("published", u(s.Published))
	kv("dropped (newer frame waiting)", u(s.Skipped))
	kv("not computed (no subscriber)", u(s.Unwanted))
	kv("bad input", u(s.Bad))
	kv("total latency p50/p95 (ms)", fmt.Sprintf("%.1f / %.1f", ms(s.Total.P50), ms(s.Total.P95)))
	kv("stamp to publish p50/p95 (ms)", fmt.Sprintf("%.1f / %.1f", ms(s.Age.P50), ms(s.Age.P95)))
	switch {
	case s.LastInput.IsZero() && now.Sub(d.started) > staleAfter:
		st.Level, st.Message = diagnostic_msgs.DiagnosticStatus_WARN, "no image received yet on "+d.input
	case now.Sub(s.LastInput) > staleAfter:
		st.Level = diagnostic_msgs.DiagnosticStatus_WARN
		st.Message = fmt.Sprintf("no image for %.0f s on %s", now.Sub(s.LastInput).Seconds(), d.input)
	}
	d.prev, d.prevAt = s, now
	return st
}
