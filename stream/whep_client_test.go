package stream

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pion/ice/v4"
	"github.com/pion/rtp/codecs"
	"github.com/pion/webrtc/v4"
	"github.com/pion/webrtc/v4/pkg/media/samplebuilder"
)

// vp8Frame is one depacketised frame as a viewer received it.
type vp8Frame struct {
	data []byte
	rtp  uint32
}

// testViewer is a real pion peer acting as a WHEP client over loopback.
type testViewer struct {
	pc       *webrtc.PeerConnection
	dc       *webrtc.DataChannel
	mux      ice.UDPMux
	conn     *cuttableConn
	location string
	frames   chan vp8Frame
	msgs     chan frameMsg
	hovers   chan hoverMsg
	opened   chan struct{}
	closed   atomic.Bool
}

// cuttableConn is a UDP socket that can go silent, like a laptop whose
// Wi-Fi drops: it still reads, but sends nothing.
type cuttableConn struct {
	net.PacketConn
	cut atomic.Bool
}

func (c *cuttableConn) WriteTo(p []byte, addr net.Addr) (int, error) {
	if c.cut.Load() {
		return len(p), nil
	}
	return c.PacketConn.WriteTo(p, addr)
}

// dialWHEP connects a viewer; token is sent as a Bearer header when set.
func dialWHEP(t testing.TB, base, token string) *testViewer {
	t.Helper()
	v, err := tryDialWHEP(base, token)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(v.Close)
	return v
}

func tryDialWHEP(base, token string) (*testViewer, error) {
	udp, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	v := &testViewer{
		conn:   &cuttableConn{PacketConn: udp},
		frames: make(chan vp8Frame, 256), msgs: make(chan frameMsg, 256),
		hovers: make(chan hoverMsg, 16), opened: make(chan struct{}),
	}
	v.mux = webrtc.NewICEUDPMux(nil, v.conn)
	me := &webrtc.MediaEngine{}
	if err := me.RegisterDefaultCodecs(); err != nil {
		v.Close()
		return nil, err
	}
	se := webrtc.SettingEngine{}
	se.SetICEUDPMux(v.mux)
	se.SetIncludeLoopbackCandidate(true)
	se.SetICEMulticastDNSMode(ice.MulticastDNSModeDisabled)
	se.SetNetworkTypes([]webrtc.NetworkType{webrtc.NetworkTypeUDP4})
	api := webrtc.NewAPI(webrtc.WithMediaEngine(me), webrtc.WithSettingEngine(se))
	if v.pc, err = api.NewPeerConnection(webrtc.Configuration{}); err != nil {
		v.Close()
		return nil, err
	}
	if _, err := v.pc.AddTransceiverFromKind(webrtc.RTPCodecTypeVideo,
		webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionRecvonly}); err != nil {
		v.Close()
		return nil, err
	}
	ordered, retrans := false, uint16(0)
	if v.dc, err = v.pc.CreateDataChannel("depthnode", &webrtc.DataChannelInit{Ordered: &ordered, MaxRetransmits: &retrans}); err != nil {
		v.Close()
		return nil, err
	}
	v.dc.OnOpen(func() { close(v.opened) })
	v.dc.OnMessage(v.onMessage)
	v.pc.OnTrack(v.onTrack)
	offer, err := v.pc.CreateOffer(nil)
	if err != nil {
		v.Close()
		return nil, err
	}
	gathered := webrtc.GatheringCompletePromise(v.pc)
	if err := v.pc.SetLocalDescription(offer); err != nil {
		v.Close()
		return nil, err
	}
	<-gathered
	req, _ := http.NewRequest(http.MethodPost, base+"/whep", strings.NewReader(v.pc.LocalDescription().SDP))
	req.Header.Set("Content-Type", "application/sdp")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		v.Close()
		return nil, err
	}
	answer, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		v.Close()
		return nil, fmt.Errorf("POST /whep: %d %s", res.StatusCode, answer)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/sdp" {
		v.Close()
		return nil, fmt.Errorf("answer Content-Type %q", ct)
	}
	v.location = res.Header.Get("Location")
	if err := v.pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeAnswer, SDP: string(answer)}); err != nil {
		v.Close()
		return nil, err
	}
	return v, nil
}

// onTrack depacketises VP8 into whole frames until the connection closes.
func (v *testViewer) onTrack(tr *webrtc.TrackRemote, _ *webrtc.RTPReceiver) {
	sb := samplebuilder.New(64, &codecs.VP8Packet{}, 90000)
	for {
		pkt, _, err := tr.ReadRTP()
		if err != nil {
			return
		}
		sb.Push(pkt)
		for s := sb.Pop(); s != nil; s = sb.Pop() {
			select {
			case v.frames <- vp8Frame{data: s.Data, rtp: s.PacketTimestamp}:
			default: // the test stopped reading; keep draining the socket
			}
		}
	}
}

func (v *testViewer) onMessage(m webrtc.DataChannelMessage) {
	var kind struct{ T string }
	if json.Unmarshal(m.Data, &kind) != nil {
		return
	}
	switch kind.T {
	case "frame":
		var f frameMsg
		if json.Unmarshal(m.Data, &f) == nil {
			select {
			case v.msgs <- f:
			default:
			}
		}
	case "hover":
		var h hoverMsg
		if json.Unmarshal(m.Data, &h) == nil {
			select {
			case v.hovers <- h:
			default:
			}
		}
	}
}

// nextFrame waits (boundedly) for the next received VP8 frame.
func (v *testViewer) nextFrame(t testing.TB) vp8Frame {
	t.Helper()
	select {
	case f := <-v.frames:
		return f
	case <-time.After(20 * time.Second):
		t.Fatal("no video frame arrived")
		return vp8Frame{}
	}
}

// Close hangs up without telling the server (no DELETE).
func (v *testViewer) Close() {
	if !v.closed.CompareAndSwap(false, true) {
		return
	}
	if v.pc != nil {
		_ = v.pc.Close()
	}
	if v.mux != nil {
		_ = v.mux.Close()
	}
	_ = v.conn.Close()
}
