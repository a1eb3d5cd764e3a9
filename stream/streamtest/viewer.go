package streamtest

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/pion/ice/v4"
	"github.com/pion/rtp/codecs"
	"github.com/pion/webrtc/v4"
	"github.com/pion/webrtc/v4/pkg/media/samplebuilder"
)

// buffered is how many frames, and messages of each kind, a viewer keeps
// for a test that is not reading yet; later ones are dropped.
const buffered = 256

// Frame is one depacketised VP8 frame as the viewer received it.
type Frame struct {
	Data []byte
	RTP  uint32 // the RTP timestamp, which the server's frame message repeats
	MIME string
}

// Viewer is a WHEP client over loopback: it receives VP8 video and reads the
// data channel, like the preview page.
type Viewer struct {
	// Location is the session URL path from the WHEP answer (for DELETE).
	Location string

	pc     *webrtc.PeerConnection
	dc     *webrtc.DataChannel
	mux    ice.UDPMux
	conn   *cuttableConn
	frames chan Frame
	mu     sync.Mutex
	msgs   map[string]chan json.RawMessage
	closed atomic.Bool
}

// Dial connects a viewer to base (http://host:port), with token as a Bearer
// header when set; the test fails if it cannot, and the viewer is closed
// when the test ends.
func Dial(t testing.TB, base, token string) *Viewer {
	t.Helper()
	v, err := TryDial(base, token)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(v.Close)
	return v
}

// TryDial is Dial for callers off the test goroutine; they close the viewer.
func TryDial(base, token string) (*Viewer, error) {
	v, err := dial(base, token)
	if err != nil {
		v.Close()
		return nil, err
	}
	return v, nil
}

func dial(base, token string) (*Viewer, error) {
	v := &Viewer{frames: make(chan Frame, buffered), msgs: map[string]chan json.RawMessage{}}
	udp, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		return v, err
	}
	v.conn = &cuttableConn{PacketConn: udp}
	v.mux = webrtc.NewICEUDPMux(nil, v.conn)
	me := &webrtc.MediaEngine{}
	if err := me.RegisterDefaultCodecs(); err != nil {
		return v, err
	}
	se := webrtc.SettingEngine{}
	se.SetICEUDPMux(v.mux)
	se.SetIncludeLoopbackCandidate(true)
	se.SetICEMulticastDNSMode(ice.MulticastDNSModeDisabled)
	se.SetNetworkTypes([]webrtc.NetworkType{webrtc.NetworkTypeUDP4})
	api := webrtc.NewAPI(webrtc.WithMediaEngine(me), webrtc.WithSettingEngine(se))
	if v.pc, err = api.NewPeerConnection(webrtc.Configuration{}); err != nil {
		return v, err
	}
	if _, err := v.pc.AddTransceiverFromKind(webrtc.RTPCodecTypeVideo,
		webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionRecvonly}); err != nil {
		return v, err
	}
	// Unordered and never retransmitted, as the page opens it.
	ordered, retrans := false, uint16(0)
	if v.dc, err = v.pc.CreateDataChannel("depthnode", &webrtc.DataChannelInit{Ordered: &ordered, MaxRetransmits: &retrans}); err != nil {
		return v, err
	}
	v.dc.OnMessage(v.onMessage)
	v.pc.OnTrack(v.onTrack)
	offer, err := v.pc.CreateOffer(nil)
	if err != nil {
		return v, err
	}
	gathered := webrtc.GatheringCompletePromise(v.pc)
	if err := v.pc.SetLocalDescription(offer); err != nil {
		return v, err
	}
	<-gathered // pion gathers host candidates only: no network needed
	res, err := request(http.MethodPost, base+"/whep", token, "application/sdp", v.pc.LocalDescription().SDP)
	if err != nil {
		return v, err
	}
	if res.Status != http.StatusCreated {
		return v, fmt.Errorf("POST /whep: %d %s", res.Status, res.Body)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/sdp" {
		return v, fmt.Errorf("answer Content-Type %q", ct)
	}
	v.Location = res.Header.Get("Location")
	return v, v.pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeAnswer, SDP: res.Body})
}

// onTrack depacketises VP8 into whole frames until the connection closes.
func (v *Viewer) onTrack(tr *webrtc.TrackRemote, _ *webrtc.RTPReceiver) {
	sb := samplebuilder.New(64, &codecs.VP8Packet{}, 90000)
	mime := tr.Codec().MimeType
	for {
		pkt, _, err := tr.ReadRTP()
		if err != nil {
			return
		}
		sb.Push(pkt)
		for s := sb.Pop(); s != nil; s = sb.Pop() {
			select {
			case v.frames <- Frame{Data: s.Data, RTP: s.PacketTimestamp, MIME: mime}:
			default: // the test stopped reading; keep draining the socket
			}
		}
	}
}

// onMessage files each data channel message under its "t" field.
func (v *Viewer) onMessage(m webrtc.DataChannelMessage) {
	var kind struct {
		T string `json:"t"`
	}
	if json.Unmarshal(m.Data, &kind) != nil {
		return
	}
	select {
	case v.messages(kind.T) <- json.RawMessage(m.Data):
	default:
	}
}

// Frames delivers the received VP8 frames.
func (v *Viewer) Frames() <-chan Frame { return v.frames }

// Messages delivers the server's data channel messages whose "t" is kind,
// as raw JSON; Next decodes them.
func (v *Viewer) Messages(kind string) <-chan json.RawMessage { return v.messages(kind) }

// messages makes a kind's channel on first use, from either side, so that
// nothing that arrives before the test asks is lost.
func (v *Viewer) messages(kind string) chan json.RawMessage {
	v.mu.Lock()
	defer v.mu.Unlock()
	ch, ok := v.msgs[kind]
	if !ok {
		ch = make(chan json.RawMessage, buffered)
		v.msgs[kind] = ch
	}
	return ch
}

// Send sends text to the server on the data channel, as the page does.
func (v *Viewer) Send(text string) error { return v.dc.SendText(text) }

// Cut silences the viewer's network, like a laptop whose Wi-Fi drops: it
// still reads but sends nothing, and says no goodbye.
func (v *Viewer) Cut() { v.conn.cut.Store(true) }

// Close hangs up without telling the server (no DELETE).
func (v *Viewer) Close() {
	if !v.closed.CompareAndSwap(false, true) {
		return
	}
	if v.pc != nil {
		_ = v.pc.Close()
	}
	if v.mux != nil {
		_ = v.mux.Close()
	}
	if v.conn != nil {
		_ = v.conn.Close()
	}
}
