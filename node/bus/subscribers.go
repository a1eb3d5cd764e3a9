package bus

import (
	"context"
	"sync"
	"time"

	"github.com/bluenviron/goroslib/v2"
)

// Period is how often the node asks itself who reads its topics; a new subscriber waits at
// most this long for its first computed frame.
const Period = 300 * time.Millisecond

// Subscribers counts the connected subscribers of the node's published topics, read through
// the slave API as rosnode info does. Refresh once before use; Run keeps it current.
type Subscribers struct {
	ros  *goroslib.Node
	self string

	mu     sync.Mutex
	counts map[string]int
	err    error
}

// NewSubscribers counts the subscribers of node self's topics.
func NewSubscribers(ros *goroslib.Node, self string) *Subscribers {
	return &Subscribers{ros: ros, self: self}
}

// Count is how many subscribers topic (absolute, resolved) has; 0 for "".
func (s *Subscribers) Count(topic string) int {
	if topic == "" {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[topic]
}

// Reads says whether topic has a subscriber.
func (s *Subscribers) Reads(topic string) bool { return s.Count(topic) > 0 }

// Refresh reads the bus info once; on error the last known counts stay, because a master
// hiccup must not stop output.
func (s *Subscribers) Refresh() {
	conns, err := s.ros.NodeGetConns(s.self)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.err = err
		return
	}
	counts := map[string]int{}
	for _, c := range conns {
		if c.Direction == 'o' && c.Connected {
			counts[c.Topic]++
		}
	}
	s.counts, s.err = counts, nil
}

// Run refreshes every Period until ctx ends.
func (s *Subscribers) Run(ctx context.Context) {
	t := time.NewTicker(Period)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.Refresh()
		}
	}
}
