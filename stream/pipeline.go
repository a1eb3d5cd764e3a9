package stream

import (
	"context"
	"math/rand/v2"
	"time"
)

// minKeyFrameGap bounds how often viewers' requests (joins, PLIs) can force
// a key frame, so one misbehaving viewer cannot inflate everyone's bitrate.
const minKeyFrameGap = 250 * time.Millisecond

// run owns the composer, the encoder and the packetizer: it takes the latest
// pushed frame, and while someone watches composes, encodes and sends it.
// With no viewer it frees the encoder, so a returning viewer starts with a
// fresh one, whose first frame is a key frame.
func (s *Server) run(ctx context.Context) {
	defer close(s.done)
	comp := newComposer(s.cfg.TileWidth, s.cfg.MetricMaxMetres)
	pk := newVP8Packetizer(uint16(rand.Uint32()))
	tsBase := rand.Uint32()
	start := time.Now()
	var enc *vp8Encoder
	encKbps := 0 // the bitrate enc was opened with
	var lastKey time.Time
	var vs []*viewer
	defer func() {
		if enc != nil {
			_ = enc.close()
			s.encoderOpen.Store(false)
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		}
		f := s.takePending()
		if s.Viewers() == 0 {
			// The last viewer left (dropViewer wakes us): free the encoder now
			// rather than holding libvpx's buffers until someone returns.
			if enc != nil {
				_ = enc.close()
				enc = nil
				s.encoderOpen.Store(false)
			}
			s.shown.Store(nil) // let go of the node's buffers too
			continue
		}
		if f == nil {
			continue
		}
		t0 := time.Now()
		comp.tileWidth = s.TileWidth()
		kbps := s.Bitrate()
		img, layout := comp.compose(f)
		if enc != nil && (enc.w != layout.Width || enc.h != layout.Height || encKbps != kbps) {
			_ = enc.close()
			enc = nil
		}
		if enc == nil {
			var err error
			if enc, err = newVP8Encoder(layout.Width, layout.Height, kbps); err != nil {
				s.log.Limited("encoder", "%v", err)
				continue
			}
			encKbps = kbps
			s.encoderOpen.Store(true)
			s.keyReq.Store(false) // a new encoder starts with a key frame anyway
		} else if s.keyReq.Load() && t0.Sub(lastKey) >= minKeyFrameGap {
			s.keyReq.Store(false)
			enc.forceKeyFrame()
		}
		data, key, err := enc.encode(img)
		if err != nil {
			s.log.Limited("encode", "%v", err)
			continue
		}
		if len(data) == 0 {
			continue // the rate control skipped this frame
		}
		now := time.Now()
		s.ctr.framesEncoded.Add(1)
		if key {
			s.ctr.keyFrames.Add(1)
			lastKey = now
		}
		s.shown.Store(f)
		ts := tsBase + uint32(now.Sub(start)*90000/time.Second)
		// The stamp goes out before the video, so the page knows it by the
		// time the frame is shown.
		vs = s.snapshotViewers(vs)
		msg := encode(frameMsg{
			T: "frame", RTP: ts, Stamp: unixMs(f.Stamp), Sent: unixMs(now),
			EncodeMs: float64(now.Sub(t0).Microseconds()) / 1000, Key: key,
			Layout: layout, MetricMax: s.cfg.MetricMaxMetres, Stats: f.Stats.sanitized(), Viewers: len(vs),
			Replaced: s.ctr.framesReplaced.Load(),
		})
		for _, v := range vs {
			v.send(msg)
		}
		pkts := pk.packetize(data, ts)
		for _, v := range vs {
			if !v.track.accepts(key) {
				if v.track.ready.Load() {
					s.requestKeyFrame() // still waiting for its first key frame
				}
				continue
			}
			for _, p := range pkts {
				// An error is a viewer that just hung up; the others go on.
				if v.track.WriteRTP(p) != nil {
					break
				}
			}
		}
	}
}
