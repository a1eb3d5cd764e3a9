package stream

import (
	"github.com/pion/rtp"
	"github.com/pion/rtp/codecs"
)

// rtpMTU leaves room for SRTP and IP/UDP headers under a 1280-byte path MTU.
const rtpMTU = 1200

// vp8Packetizer splits VP8 frames into RTP packets with timestamps the
// caller chooses. Choosing them (rather than letting WriteSample advance a
// hidden clock) is what lets the data channel key each input stamp by the
// RTP timestamp that the browser's requestVideoFrameCallback reports.
type vp8Packetizer struct {
	payloader codecs.VP8Payloader
	seq       uint16
}

func newVP8Packetizer(firstSeq uint16) *vp8Packetizer {
	return &vp8Packetizer{payloader: codecs.VP8Payloader{EnablePictureID: true}, seq: firstSeq}
}

// packetize returns the packets of one frame; the last carries the marker.
// SSRC and payload type are filled in per viewer by the track.
func (p *vp8Packetizer) packetize(frame []byte, ts uint32) []*rtp.Packet {
	payloads := p.payloader.Payload(rtpMTU-12, frame)
	pkts := make([]*rtp.Packet, len(payloads))
	for i, pl := range payloads {
		pkts[i] = &rtp.Packet{
			Header: rtp.Header{
				Version:        2,
				Marker:         i == len(payloads)-1,
				SequenceNumber: p.seq,
				Timestamp:      ts,
			},
			Payload: pl,
		}
		p.seq++
	}
	return pkts
}
