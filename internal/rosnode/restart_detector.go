package rosnode

// restartDetector decides from successive polls when the master has
// restarted, so that one restart gives one event however many polls see
// it.
type restartDetector struct {
	runID string // the last /run_id seen, "" before any
	armed bool   // the node was registered since the last event
}

// observe takes one poll and reports whether it shows a restart.
func (d *restartDetector) observe(p masterPoll) bool {
	if !p.reachable {
		return false // down: wait for it to come back
	}
	changedRun := d.runID != "" && p.runID != "" && p.runID != d.runID
	if p.runID != "" {
		d.runID = p.runID
	}
	lost := d.armed && !p.known
	if changedRun || lost {
		// The node is re-registered by the event's handler; until the
		// master knows it again a missing node is the same restart.
		d.armed = false
		return true
	}
	if p.known {
		d.armed = true
	}
	return false
}
