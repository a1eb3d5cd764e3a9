package node

import (
	"context"
	"sync"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
)

// input is one received image message, raw or compressed.
type input struct {
	raw        *sensor_msgs.Image
	compressed *sensor_msgs.CompressedImage
	received   time.Time // wall clock, for the node's own latencies
}

// latest is a one-message slot: the subscriber callback overwrites it and
// returns at once, the pipeline takes the newest message when it is ready.
type latest struct {
	mu     sync.Mutex
	v      *input
	signal chan struct{}
}

func newLatest() *latest { return &latest{signal: make(chan struct{}, 1)} }

// put stores v and reports whether it replaced a message never taken.
func (l *latest) put(v *input) (replaced bool) {
	l.mu.Lock()
	replaced = l.v != nil
	l.v = v
	l.mu.Unlock()
	select {
	case l.signal <- struct{}{}:
	default:
	}
	return replaced
}

// take waits for a message; false when ctx ended first.
func (l *latest) take(ctx context.Context) (*input, bool) {
	for {
		l.mu.Lock()
		v := l.v
		l.v = nil
		l.mu.Unlock()
		if v != nil {
			return v, true
		}
		select {
		case <-l.signal:
		case <-ctx.Done():
			return nil, false
		}
	}
}
