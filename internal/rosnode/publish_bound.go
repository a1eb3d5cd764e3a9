package rosnode

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// boundGCEvery is how often a full bound may force a garbage collection to
// learn which messages goroslib has let go of.
const boundGCEvery = 10 * time.Millisecond

// PublishBound caps how many messages written to one goroslib publisher
// goroslib may still hold. goroslib v2.1.5 gives every subscriber
// connection a queue of 64 messages (writeBufferSize in publisher_sub.go,
// not configurable) and drops the newest when it is full, so a slow
// subscriber keeps 64 frames alive, each its own allocation; four of them
// take a node to gigabytes. goroslib does not say when a message leaves
// its queues, so PublishBound counts a message until the garbage
// collector finds it unreachable (runtime.AddCleanup) and, while the count
// is at the cap, forces a collection at most every 10 ms. Images are
// newest-wins: a frame refused here is a frame a slow reader would have
// got late. The cost is that one slow subscriber slows every subscriber of
// the topic to its pace. The caller must not keep a written message
// itself, or it stays counted.
type PublishBound[T any] struct {
	max     int64
	live    atomic.Int64
	dropped atomic.Uint64
	mu      sync.Mutex // serialises the forced collections
	lastGC  time.Time
}

// NewPublishBound allows max messages in goroslib's hands at once.
func NewPublishBound[T any](max int) (*PublishBound[T], error) {
	if max < 1 {
		return nil, fmt.Errorf("publish bound %d: want at least 1 message", max)
	}
	return &PublishBound[T]{max: int64(max)}, nil
}

// Admit reports whether msg may be written now, and if so counts it until
// it is garbage; when it may not, the caller drops the frame.
func (b *PublishBound[T]) Admit(msg *T) bool {
	if msg == nil {
		return false
	}
	if b.live.Load() >= b.max && !b.collect() {
		b.dropped.Add(1)
		return false
	}
	b.live.Add(1)
	runtime.AddCleanup(msg, func(b *PublishBound[T]) { b.live.Add(-1) }, b)
	return true
}

// collect forces a collection if none ran lately and reports whether room
// was made.
func (b *PublishBound[T]) collect() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.live.Load() < b.max {
		return true
	}
	if time.Since(b.lastGC) < boundGCEvery {
		return false
	}
	runtime.GC()
	b.lastGC = time.Now()
	// Cleanups run on their own goroutine after the collection.
	for i := 0; i < 100 && b.live.Load() >= b.max; i++ {
		runtime.Gosched()
	}
	return b.live.Load() < b.max
}

// Live is the number of admitted messages not yet found unreachable.
func (b *PublishBound[T]) Live() int { return int(b.live.Load()) }

// Dropped is the number of messages Admit refused.
func (b *PublishBound[T]) Dropped() uint64 { return b.dropped.Load() }
