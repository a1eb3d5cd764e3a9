package node

import (
	"context"
	"sync"
	"time"

	"github.com/bluenviron/goroslib/v2"
)

// readersPeriod is how often the node asks itself who reads its topics;
// a new subscriber waits at most this long for its first computed frame.
const readersPeriod = 300 * time.Millisecond

// readers tracks how many subscribers each published topic has. goroslib
// does not expose the count, so the node reads its own bus info through
// the slave API, as rosnode info does.
type readers struct {
	mu     sync.Mutex
	counts map[string]int
	err    error
}

func (r *readers) count(topic string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.counts[topic]
}

func (r *readers) refresh(n *goroslib.Node, self string) {
	conns, err := n.NodeGetConns(self)
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil {
		r.err = err // keep the last known counts: a master hiccup must not stop output
		return
	}
	counts := map[string]int{}
	for _, c := range conns {
		if c.Direction == 'o' && c.Connected {
			counts[c.Topic]++
		}
	}
	r.counts, r.err = counts, nil
}

func (r *readers) run(ctx context.Context, n *goroslib.Node, self string) {
	t := time.NewTicker(readersPeriod)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			r.refresh(n, self)
		}
	}
}
