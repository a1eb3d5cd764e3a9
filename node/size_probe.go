package node

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/internal/rosnode"
)

// probeAfter is how long the input topic may stay quiet before the node asks its publishers
// how big their messages are.
const probeAfter = 5 * time.Second

// probeTimeout bounds one size probe.
const probeTimeout = 5 * time.Second

// reprobeAfter is when a probe that read no message (no publisher yet, or a silent one) may
// run again in the same quiet period.
const reprobeAfter = 30 * time.Second

// sizeProbe asks the input's publishers for their message size once per quiet period, because
// goroslib drops messages over its 16 MiB limit without a word: the answer is the only way
// the node can say why no image arrives.
type sizeProbe struct {
	mu     sync.Mutex
	probed bool      // a probe ran (or runs) for the current quiet period
	at     time.Time // the last input's time when it started
	reason string    // what it found, "" for nothing over the limit
	empty  bool      // it read no message at all
	when   time.Time // wall clock of its start
}

// reason is what the probe of the current quiet period found; "" once an image arrived since.
func (p *sizeProbe) current(lastInput time.Time) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.probed || !p.at.Equal(lastInput) {
		return ""
	}
	return p.reason
}

// begin reports whether a probe should start now for the quiet period since lastInput.
func (p *sizeProbe) begin(lastInput time.Time) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.probed && p.at.Equal(lastInput) && !(p.empty && time.Since(p.when) > reprobeAfter) {
		return false
	}
	p.probed, p.at, p.reason, p.empty, p.when = true, lastInput, "", false, time.Now()
	return true
}

func (p *sizeProbe) found(lastInput time.Time, reason string, empty bool) {
	p.mu.Lock()
	if p.at.Equal(lastInput) {
		p.reason, p.empty = reason, empty
	}
	p.mu.Unlock()
}

// checkInputSize starts a size probe, on the node's goroutines, when camera c's input topic has
// been quiet for probeAfter (since the start or its last image); one that finds a message over
// goroslib's limit logs it and counts it as bad input "oversize".
func (n *Node) checkInputSize(ctx context.Context, c *camera, started, lastInput, now time.Time) {
	p := &c.probe
	since := lastInput
	if since.IsZero() {
		since = started
	}
	if now.Sub(since) < probeAfter || !p.begin(lastInput) {
		return
	}
	var msg any = &sensor_msgs.Image{}
	if n.params.Transport == "compressed" {
		msg = &sensor_msgs.CompressedImage{}
	}
	topic, caller := c.inputTopic, n.conn.Names.FullNode()+"_size_probe"
	n.gwg.Add(1)
	go func() {
		defer n.gwg.Done()
		pctx, cancel := context.WithTimeout(ctx, probeTimeout)
		defer cancel()
		// Publishers that send nothing within the timeout are left out: nothing to explain.
		sizes, _ := rosnode.ProbeMessageSizes(pctx, n.conn.MasterAddr, caller, topic, msg)
		for _, s := range sizes {
			if reason, over := rosnode.OversizeReason(topic, s.Node, s.Bytes); over {
				n.log.Warn(fmt.Sprintf("%s; use ~transport:=compressed or a smaller image", reason))
				n.pipe.CountBad(c.index, "oversize")
				p.found(lastInput, reason, false)
				return
			}
		}
		p.found(lastInput, "", len(sizes) == 0)
	}()
}

// oversizeReason is what a camera's size probe found in its current quiet period, "" for none.
func (n *Node) oversizeReason() string {
	st := n.pipe.Stats()
	for _, c := range n.cameras {
		if r := c.probe.current(st.Cameras[c.index].LastInput); r != "" {
			return r
		}
	}
	return ""
}

// slowDropped is how many frames all cameras' topics dropped for slow subscribers.
func (n *Node) slowDropped() uint64 {
	var d uint64
	for _, c := range n.cameras {
		d += c.out.SlowDropped()
	}
	return d
}
