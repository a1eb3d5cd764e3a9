package metric

import (
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"

	"github.com/depthnode/depthnode/calib"
)

// missing says why a frame has no LiDAR points: a counter key and a log line.
type missing struct {
	reason, format string
	args           []any
}

// lidar returns the points of the cloud matched with the image and the
// transform that brings them into the image's frame.
func (s *Stage) lidar(h std_msgs.Header) ([]calib.Vec3, *calib.Transform, missing) {
	var e *cloudEntry
	var pts []calib.Vec3
	for {
		c, off, seen := s.clouds.nearest(h.Stamp, s.slop)
		if c == nil {
			s.count(func(st *Stats) { st.Unmatched++ })
			if !seen {
				return nil, nil, missing{ReasonNoCloud, "metric depth: no cloud received on %s yet", []any{s.cloudTopic}}
			}
			return nil, nil, missing{ReasonNoCloud, "metric depth: no cloud on %s within ~align_sync_slop %v of the image stamp %s (nearest is %v off)",
				[]any{s.cloudTopic, s.slop, fmtStamp(h.Stamp), off}}
		}
		p, fresh, err := c.decode()
		if err == nil {
			e, pts = c, p
			break
		}
		if fresh { // counted once per cloud; the next one in the ring may be good
			s.count(func(st *Stats) { st.Refused[ReasonBadCloud]++; st.LastReason = ReasonBadCloud })
			s.log.Printf(ReasonBadCloud, "metric depth: cloud on %s (stamp %s) unreadable: %v", s.cloudTopic, fmtStamp(c.stamp), err)
		}
	}
	s.count(func(st *Stats) { st.Matched++ })
	if s.fixed != nil {
		return pts, s.fixed, missing{}
	}
	tr, err := s.tf.buf.Lookup(h.FrameId, e.frame, e.stamp)
	if err != nil {
		s.count(func(st *Stats) { st.TFErrors++ })
		return nil, nil, missing{ReasonTF, "metric depth: no transform from the cloud's frame %q to the image's frame %q at %s: %v",
			[]any{e.frame, h.FrameId, fmtStamp(e.stamp), err}}
	}
	return pts, &tr, missing{}
}
