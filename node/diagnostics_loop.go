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
		input:    n.inputTopic,
		started:  n.ros.TimeNow(),
		prevAt:   n.ros.TimeNow(),

		inboundLimit: inboundLimitText,
	}
	probe := &sizeProbe{}
	d.oversize = func() string { return probe.current(n.pipe.LastInput()) }
	d.slowDropped = n.out.SlowDropped
	rate := n.ros.TimeRate(time.Second)
	for {
		select {
		case <-rate.SleepChan():
		case <-ctx.Done():
			return
		}
		now := n.ros.TimeNow()
		n.checkInputSize(ctx, probe, d.started, n.pipe.LastInput(), now)
		status := []diagnostic_msgs.DiagnosticStatus{d.status(n.pipe.Stats(), n.pipe.LastInput(), now)}
		for _, s := range n.stages {
			status = append(status, s.Diagnostics()...)
		}
		n.diag.Write(diagnosticArray(now, status))
	}
}
