package pipeline

import (
	"sync"
	"time"
)

// arrival is one received message and when it arrived (wall clock, for latencies).
type arrival struct {
	in       Input
	received time.Time
}

// slot is a camera's one-message slot: the subscriber callback overwrites it and returns at
// once, the pipeline takes the newest message when it is ready.
type slot struct {
	mu     sync.Mutex
	v      *arrival
	signal chan struct{} // shared by all cameras' slots: something arrived
}

func newSlot(signal chan struct{}) *slot { return &slot{signal: signal} }

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

// take returns the newest message and empties the slot; nil when it is empty.
func (l *slot) take() *arrival {
	l.mu.Lock()
	defer l.mu.Unlock()
	v := l.v
	l.v = nil
	return v
}
