package node

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/pion/ice/v4"
	"github.com/pion/rtp/codecs"
	"github.com/pion/webrtc/v4"
	"github.com/pion/webrtc/v4/pkg/media/samplebuilder"
)

// previewFrameMsg is the part of the stream's per-frame data channel
// message the node's tests read.
type previewFrameMsg struct {
	T      string `json:"t"`
	Layout struct {
		Tiles []string `json:"tiles"`
	} `json:"layout"`
	Stats struct {
		InputFPS  float64 `json:"input_fps"`
		OutputFPS float64 `json:"output_fps"`
		ModelMs   float64 `json:"model_ms"`
		Device    string  `json:"device"`
		Align     struct {
			Enabled bool `json:"enabled"`
		} `json:"align"`
	} `json:"stats"`
}

// receivedFrame is one depacketised VP8 frame.
type receivedFrame struct {
	data []byte
	mime string
}

// previewViewer is a real pion peer doing what the preview page does:
// a WHEP offer to receive VP8 video, plus a data channel for the numbers.
type previewViewer struct {
	pc       *webrtc.PeerConnection
	mux      ice.UDPMux
	udp      net.PacketConn
	location string
	frames   chan receivedFrame
	msgs     chan previewFrameMsg
	closed   atomic.Bool
}

// dialPreview connects a viewer to base (http://host:port) with a Bearer token.
func dialPreview(t testing.TB, base, token string) *previewViewer {
	t.Helper()
	v := &previewViewer{frames: make(chan receivedFrame, 64), msgs: make(chan previewFrameMsg, 64)}
	t.Cleanup(v.close)
	var err error
	if v.udp, err = net.ListenPacket("udp4", "127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	v.mux = webrtc.NewICEUDPMux(nil, v.udp)
	me := &webrtc.MediaEngine{}
	if err := me.RegisterDefaultCodecs(); err != nil {
		t.Fatal(err)
	}
	se := webrtc.SettingEngine{}
	se.SetICEUDPMux(v.mux)
	se.SetIncludeLoopbackCandidate(true)
	se.SetICEMulticastDNSMode(ice.MulticastDNSModeDisabled)
	se.SetNetworkTypes([]webrtc.NetworkType{webrtc.NetworkTypeUDP4})
	api := webrtc.NewAPI(webrtc.WithMediaEngine(me), webrtc.WithSettingEngine(se))
	if v.pc, err = api.NewPeerConnection(webrtc.Configuration{}); err != nil {
		t.Fatal(err)
	}
	if _, err := v.pc.AddTransceiverFromKind(webrtc.RTPCodecTypeVideo,
		webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionRecvonly}); err != nil {
		t.Fatal(err)
	}
	dc, err := v.pc.CreateDataChannel("depthnode", nil)
	if err != nil {
		t.Fatal(err)
	}
	dc.OnMessage(v.onMessage)
	v.pc.OnTrack(v.onTrack)
	offer, err := v.pc.CreateOffer(nil)
	if err != nil {
		t.Fatal(err)
	}
	gathered := webrtc.GatheringCompletePromise(v.pc)
	if err := v.pc.SetLocalDescription(offer); err != nil {
		t.Fatal(err)
	}
	<-gathered // pion gathers host candidates only: no network needed
	res := previewRequest(t, http.MethodPost, base+"/whep", token, "application/sdp", v.pc.LocalDescription().SDP)
	if res.status != http.StatusCreated || res.header.Get("Content-Type") != "application/sdp" {
		t.Fatalf("POST /whep: %d %q %s", res.status, res.header.Get("Content-Type"), res.body)
	}
	v.location = res.header.Get("Location")
	if err := v.pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeAnswer, SDP: res.body}); err != nil {
		t.Fatal(err)
	}
	return v
}

// onTrack depacketises the video into whole frames until the connection ends.
func (v *previewViewer) onTrack(tr *webrtc.TrackRemote, _ *webrtc.RTPReceiver) {
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
			case v.frames <- receivedFrame{data: s.Data, mime: mime}:
			default: // the test stopped reading; keep draining the socket
			}
		}
	}
}

func (v *previewViewer) onMessage(m webrtc.DataChannelMessage) {
	var f previewFrameMsg
	if json.Unmarshal(m.Data, &f) != nil || f.T != "frame" {
		return
	}
	select {
	case v.msgs <- f:
	default:
	}
}

// close drops the peer connection without telling the server.
func (v *previewViewer) close() {
	if !v.closed.CompareAndSwap(false, true) {
		return
	}
	if v.pc != nil {
		_ = v.pc.Close()
	}
	if v.mux != nil {
		_ = v.mux.Close()
	}
	if v.udp != nil {
		_ = v.udp.Close()
	}
}

// isKeyFrame reads a VP8 frame tag (RFC 6386 9.1): bit 0 clear and the
// start code 9d 01 2a mark a key frame.
func isKeyFrame(b []byte) bool {
	return len(b) >= 10 && b[0]&1 == 0 && b[3] == 0x9d && b[4] == 0x01 && b[5] == 0x2a
}

// previewClient keeps no idle connection: a kept-alive one would leave its
// read loop running after the test, which the goroutine-leak check reports.
var previewClient = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}

// httpAnswer is a finished HTTP exchange.
type httpAnswer struct {
	status int
	header http.Header
	body   string
}

// previewRequest sends one request; token goes in a Bearer header when set.
func previewRequest(t testing.TB, method, url, token, contentType, body string) httpAnswer {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := previewClient.Do(req)
	if err != nil {
		t.Fatal(fmt.Errorf("%s %s: %w", method, url, err))
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return httpAnswer{status: res.StatusCode, header: res.Header, body: string(b)}
}
