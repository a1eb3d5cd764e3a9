package stream

import (
	"sync/atomic"

	"github.com/pion/webrtc/v4"
)

// viewerTrack is one viewer's own video track. It knows when packets can
// reach the viewer (pion has bound it to a sender and SRTP is up; before
// that pion drops writes silently), and the pipeline starts each viewer on a
// key frame written after that moment, so nobody's first picture is an
// undecodable delta frame.
type viewerTrack struct {
	*webrtc.TrackLocalStaticRTP
	bound   atomic.Bool
	ready   atomic.Bool // SRTP is running (see viewer.wire)
	needKey atomic.Bool // no key frame delivered yet
}

func newViewerTrack() (*viewerTrack, error) {
	t, err := webrtc.NewTrackLocalStaticRTP(webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeVP8, ClockRate: 90000}, "video", "depthnode")
	if err != nil {
		return nil, err
	}
	vt := &viewerTrack{TrackLocalStaticRTP: t}
	vt.needKey.Store(true)
	return vt, nil
}

// Bind is called by pion when the sender starts.
func (t *viewerTrack) Bind(ctx webrtc.TrackLocalContext) (webrtc.RTPCodecParameters, error) {
	p, err := t.TrackLocalStaticRTP.Bind(ctx)
	if err == nil {
		t.bound.Store(true)
	}
	return p, err
}

// Unbind is called by pion when the sender stops.
func (t *viewerTrack) Unbind(ctx webrtc.TrackLocalContext) error {
	t.bound.Store(false)
	return t.TrackLocalStaticRTP.Unbind(ctx)
}

// accepts reports whether a frame should go to this viewer now; a key
// frame to a bound track ends the wait for one.
func (t *viewerTrack) accepts(key bool) bool {
	if !t.bound.Load() || !t.ready.Load() {
		return false
	}
	if key {
		t.needKey.Store(false)
		return true
	}
	return !t.needKey.Load()
}
