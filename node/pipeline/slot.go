package pipeline

import (
	"context"
	"sync"
	"time"
)

// arrival is one received message and when it arrived (wall clock, for latencies).
type arrival struct {
	in       Input
	received time.Time
}

// slot is a one-message slot: the subscriber callback overwrites it and returns at once, the
// pipeline takes the newest message when it is ready.
type slot struct {
	mu     sync.Mutex
	v      *arrival
	signal chan struct{}
}

func newSlot() *slot { return &slot{signal: make(chan struct{}, 1)} }

// put stores v and reports whether it replaced a message never taken.
func (l *slot) put(v *arrival) (replaced bool) {
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
func (l *slot) take(ctx context.Context) (*arrival, bool) {
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
