package stream

import (
	"encoding/json"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/rtcp"
	"github.com/pion/webrtc/v4"
)

// dcMaxBuffered is how much unsent data-channel data a viewer may have
// queued before its frame messages are skipped: a slow viewer loses
// statistics, it does not make the node queue.
const dcMaxBuffered = 256 << 10

// viewer is one WHEP session: a peer connection with its own video track
// and, when the client opened one, a data channel.
type viewer struct {
	id        string
	pc        *webrtc.PeerConnection
	dc        atomic.Pointer[webrtc.DataChannel]
	connected atomic.Bool
	track     *viewerTrack
	sender    *webrtc.RTPSender
	watchdog  *time.Timer
	closeOnce sync.Once
}

// close hangs up; safe to call more than once and from pion callbacks' goroutines.
func (v *viewer) close() {
	v.closeOnce.Do(func() {
		if v.watchdog != nil {
			v.watchdog.Stop()
		}
		_ = v.pc.Close()
	})
}

// send queues a text message unless the viewer is not ready or is behind.
func (v *viewer) send(msg []byte) {
	dc := v.dc.Load()
	if dc == nil || msg == nil || dc.ReadyState() != webrtc.DataChannelStateOpen || dc.BufferedAmount() > dcMaxBuffered {
		return
	}
	_ = dc.SendText(string(msg))
}

// wire installs the callbacks that tie a viewer's lifetime to its peer
// connection and serve its data channel.
func (s *Server) wire(v *viewer) {
	v.pc.OnConnectionStateChange(func(st webrtc.PeerConnectionState) {
		switch st {
		case webrtc.PeerConnectionStateConnected:
			v.connected.Store(true)
			// pion reports "connected" from inside the DTLS transport's lock,
			// and starts SRTP before releasing it; taking that lock here (any
			// locked getter does) means SRTP is up and packets will go out.
			if v.sender != nil && v.track != nil {
				_ = v.sender.Transport().GetRemoteCertificate()
				v.track.ready.Store(true)
			}
			s.requestKeyFrame()
		case webrtc.PeerConnectionStateFailed, webrtc.PeerConnectionStateClosed:
			s.dropViewer(v, "connection "+st.String())
		}
	})
	v.pc.OnDataChannel(func(dc *webrtc.DataChannel) {
		dc.OnMessage(func(m webrtc.DataChannelMessage) { s.onClientMessage(v, m.Data) })
		v.dc.Store(dc)
	})
}

// readRTCP serves PLI/FIR (a browser that cannot decode asks for a key
// frame) and keeps the interceptors (NACK) fed; it ends when the connection
// closes. The caller has done s.wg.Add(1).
func (s *Server) readRTCP(sender *webrtc.RTPSender) {
	defer s.wg.Done()
	for {
		pkts, _, err := sender.ReadRTCP()
		if err != nil {
			return
		}
		for _, p := range pkts {
			switch p.(type) {
			case *rtcp.PictureLossIndication, *rtcp.FullIntraRequest:
				s.requestKeyFrame()
			}
		}
	}
}

// onClientMessage answers the page's pings and hover queries.
func (s *Server) onClientMessage(v *viewer, data []byte) {
	var m clientMsg
	if len(data) > 1024 || json.Unmarshal(data, &m) != nil {
		s.log.Limited("dcmsg", "viewer %s: ignored malformed data channel message (%d bytes)", v.id, len(data))
		return
	}
	switch m.T {
	case "ping":
		v.send(encode(pongMsg{T: "pong", C: finite(m.C), S: unixMs(time.Now())}))
	case "hover":
		v.send(encode(hoverAt(s.shown.Load(), m.U, m.V)))
	}
}

// requestKeyFrame asks the encoder for a key frame on its next frame.
func (s *Server) requestKeyFrame() { s.keyReq.Store(true) }

// dropViewer forgets v and hangs it up, once, without blocking the caller
// (pion callbacks must not wait for their own connection to close).
func (s *Server) dropViewer(v *viewer, why string) {
	s.mu.Lock()
	_, ok := s.viewers[v.id]
	if ok {
		delete(s.viewers, v.id)
		s.count.Store(int32(len(s.viewers)))
		s.wg.Add(1)
	}
	s.mu.Unlock()
	if !ok {
		return
	}
	s.ctr.viewersLeft.Add(1)
	s.info.Printf("left", "viewer %s left (%s), %d watching", v.id, why, s.Viewers())
	s.wakeRun()
	go func() {
		defer s.wg.Done()
		v.close()
	}()
}

// snapshotViewers returns the current viewers for sending.
func (s *Server) snapshotViewers(buf []*viewer) []*viewer {
	buf = buf[:0]
	s.mu.Lock()
	for _, v := range s.viewers {
		buf = append(buf, v)
	}
	s.mu.Unlock()
	return buf
}
