package pipeline

import "time"

// CameraStats are one camera's counters and latencies, for its own /diagnostics values.
type CameraStats struct {
	// Received, Skipped, Unwanted, Published and Bad count as Stats does, for this camera.
	Received, Skipped, Unwanted, Published, Bad uint64
	// LastInput is the node time of the camera's last message, zero before the first.
	LastInput time.Time
	// Total is received-to-published, Age stamp-to-published (wall clock stamps only).
	Total, Age Quantiles
}

type cameraStats struct {
	received, skipped, unwanted, published, bad uint64
	lastInput                                   time.Time
	total, age                                  latency
}

func (c *cameraStats) snapshot() CameraStats {
	return CameraStats{Received: c.received, Skipped: c.skipped, Unwanted: c.unwanted, Published: c.published,
		Bad: c.bad, LastInput: c.lastInput, Total: c.total.quantiles(), Age: c.age.quantiles()}
}
