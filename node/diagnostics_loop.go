package node

import (
	"context"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"
)

// runDiagnostics publishes /diagnostics once per second of node time, so
// it follows /clock under /use_sim_time.
func (n *Node) runDiagnostics(ctx context.Context) {
	d := &diagnostics{
		name:     n.conn.Names.FullNode() + ": depth and normals",
		hardware: n.model.Device(),
		model:    n.model.Describe(),
		input:    n.inputTopics(),
		started:  n.ros.TimeNow(),
		prevAt:   n.ros.TimeNow(),

		inboundLimit: inboundLimitText,
	}
	cams := make([]*cameraDiagnostics, len(n.cameras))
	for i, c := range n.cameras {
		cams[i] = &cameraDiagnostics{name: n.conn.Names.FullNode() + ": " + c.label(), input: c.inputTopic, started: d.started, prevAt: d.prevAt}
	}
	d.oversize = func() string { return n.oversizeReason() }
	d.slowDropped = n.slowDropped
	rate := n.ros.TimeRate(time.Second)
	for {
		select {
		case <-rate.SleepChan():
		case <-ctx.Done():
			return
		}
		now := n.ros.TimeNow()
		st := n.pipe.Stats()
		for _, c := range n.cameras {
			n.checkInputSize(ctx, c, d.started, st.Cameras[c.index].LastInput, now)
		}
		status := []diagnostic_msgs.DiagnosticStatus{d.status(st, n.pipe.LastInput(), now)}
		if len(cams) > 1 {
			for i, c := range cams {
				status = append(status, c.status(st.Cameras[i], now))
			}
		}
		for _, s := range n.stages {
			status = append(status, s.Diagnostics()...)
		}
		n.diag.Write(diagnosticArray(now, status))
	}
}
