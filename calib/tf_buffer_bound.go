package calib

import (
	"sort"
	"time"
)

// Keeping the TF buffer bounded: a publisher that invents a frame id per
// message (seen: 200k ids, 100 MB) must not grow it forever. Dynamic frames
// expire CacheTime of stamps after their newest transform, as their history
// would anyway; the cap catches what arrives faster than that. Static frames
// never expire: /tf_static is latched and sent once.

// expire notes a dynamic stamp and drops dynamic frames whose newest sample
// is more than CacheTime older than the newest stamp seen. A stamp more than
// CacheTime before that one is a jump back in time (a bag replayed from the
// start): all dynamic history is dropped, as tf2 clears its buffer then.
// Sweeps run every quarter CacheTime of stamps, so Add stays O(1) amortised.
// Callers hold b.mu.
func (b *TFBuffer) expire(stamp time.Time) {
	ct := b.cfg.CacheTime
	switch {
	case b.newest.IsZero() || stamp.After(b.newest):
		b.newest = stamp
	case stamp.Before(b.newest.Add(-ct)):
		for f, l := range b.links {
			if !l.static {
				delete(b.links, f)
				b.stats.Expired++
			}
		}
		b.newest, b.swept = stamp, stamp
		return
	}
	if b.newest.Sub(b.swept) < ct/4 {
		return
	}
	b.swept = b.newest
	cut := b.newest.Add(-ct)
	for f, l := range b.links {
		if !l.static && l.samples[len(l.samples)-1].Stamp.Before(cut) {
			delete(b.links, f)
			b.stats.Expired++
		}
	}
}

// makeRoom makes space for one new frame, dropping the least recently
// updated dynamic frames when the cap is reached: an eighth of the cap at
// once, so that the sort is paid once per many Adds. It reports false when
// only static frames are left to drop. Callers hold b.mu.
func (b *TFBuffer) makeRoom() bool {
	if len(b.links) < b.cfg.MaxFrames {
		return true
	}
	type aged struct {
		frame string
		seq   uint64
	}
	dyn := make([]aged, 0, len(b.links))
	for f, l := range b.links {
		if !l.static {
			dyn = append(dyn, aged{f, l.seq})
		}
	}
	if len(dyn) == 0 {
		return false
	}
	sort.Slice(dyn, func(i, j int) bool { return dyn[i].seq < dyn[j].seq })
	// A static newcomer may displace dynamic frames too: it holds for all time.
	for _, a := range dyn[:min(len(dyn), max(1, b.cfg.MaxFrames/8))] {
		delete(b.links, a.frame)
		b.stats.Evicted++
	}
	return true
}

// Stats returns the buffer's counters and its current size.
func (b *TFBuffer) Stats() TFBufferStats {
	b.mu.RLock()
	defer b.mu.RUnlock()
	s := b.stats
	s.Frames = len(b.links)
	return s
}
