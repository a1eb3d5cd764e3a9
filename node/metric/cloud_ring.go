package metric

import (
	"sync"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/calib"
)

// cloudRingSize is how many recent clouds wait to be matched with an image:
// at 20 Hz that is 400 ms of LiDAR, more than any sync slop or inference
// delay worth waiting for, and it bounds the memory clouds can take.
const cloudRingSize = 8

// cloudEntry is one received cloud; it is decoded on first use, by the
// output goroutine only, and keeps the points instead of the raw bytes.
type cloudEntry struct {
	stamp time.Time
	frame string

	msg     *sensor_msgs.PointCloud2 // nil once decoded
	points  []calib.Vec3
	err     error
	decoded bool
}

// decode returns the cloud's finite points, decoding them the first time;
// fresh is true on that first call, so a bad cloud is counted once.
func (e *cloudEntry) decode() (points []calib.Vec3, fresh bool, err error) {
	if !e.decoded {
		e.points, e.err = calib.DecodeXYZ(calibCloud(e.msg), nil)
		e.msg, e.decoded, fresh = nil, true, true
	}
	return e.points, fresh, e.err
}

// cloudRing holds the last cloudRingSize clouds. The points callback only
// puts a message in (never blocking, the oldest falls out); the output
// goroutine picks the one nearest in stamp to each image.
type cloudRing struct {
	mu       sync.Mutex
	buf      [cloudRingSize]*cloudEntry
	next     int // slot of the next put; the newest is next-1
	received uint64
}

// put stores m, replacing the oldest cloud.
func (r *cloudRing) put(m *sensor_msgs.PointCloud2) {
	e := &cloudEntry{stamp: m.Header.Stamp, frame: m.Header.FrameId, msg: m}
	r.mu.Lock()
	r.buf[r.next] = e
	r.next = (r.next + 1) % cloudRingSize
	r.received++
	r.mu.Unlock()
}

// count is how many clouds were ever put.
func (r *cloudRing) count() uint64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.received
}

// nearest returns the cloud closest in stamp to t, if it lies within slop,
// passing over clouds that failed to decode; of two equally close clouds
// the one received later wins. off is the signed offset (cloud - image) of
// the nearest cloud seen, for the log line when none is close enough; ok
// is false when the ring holds no usable cloud at all.
func (r *cloudRing) nearest(t time.Time, slop time.Duration) (e *cloudEntry, off time.Duration, ok bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var best *cloudEntry
	var bestAbs time.Duration
	for i := 1; i <= cloudRingSize; i++ { // newest first
		c := r.buf[(r.next-i+cloudRingSize)%cloudRingSize]
		if c == nil || (c.decoded && c.err != nil) {
			continue
		}
		d := c.stamp.Sub(t)
		a := d
		if a < 0 {
			a = -a
		}
		if best == nil || a < bestAbs {
			best, bestAbs, off = c, a, d
		}
	}
	if best == nil {
		return nil, 0, false
	}
	if bestAbs > slop {
		return nil, off, true
	}
	return best, off, true
}
