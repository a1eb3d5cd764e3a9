package stream

import (
	"fmt"
	"time"

	"github.com/pion/ice/v4"
	"github.com/pion/interceptor"
	"github.com/pion/webrtc/v4"
)

// newWebRTCAPI builds the pion API every viewer shares: VP8 only, NACK and
// PLI feedback, host candidates including loopback (a browser on the robot
// itself), no mDNS, and ICE timeouts that free a vanished viewer within
// about viewerTimeout.
func newWebRTCAPI(viewerTimeout time.Duration) (*webrtc.API, error) {
	me := &webrtc.MediaEngine{}
	err := me.RegisterCodec(webrtc.RTPCodecParameters{
		RTPCodecCapability: webrtc.RTPCodecCapability{
			MimeType: webrtc.MimeTypeVP8, ClockRate: 90000,
			RTCPFeedback: []webrtc.RTCPFeedback{{Type: "nack"}, {Type: "nack", Parameter: "pli"}, {Type: "ccm", Parameter: "fir"}},
		},
		PayloadType: 96,
	}, webrtc.RTPCodecTypeVideo)
	if err != nil {
		return nil, fmt.Errorf("stream: register VP8: %w", err)
	}
	ir := &interceptor.Registry{}
	if err := webrtc.ConfigureNack(me, ir); err != nil {
		return nil, fmt.Errorf("stream: NACK: %w", err)
	}
	if err := webrtc.ConfigureRTCPReports(ir); err != nil {
		return nil, fmt.Errorf("stream: RTCP reports: %w", err)
	}
	se := webrtc.SettingEngine{}
	se.SetIncludeLoopbackCandidate(true)
	se.SetICEMulticastDNSMode(ice.MulticastDNSModeDisabled)
	se.SetICETimeouts(viewerTimeout*2/5, viewerTimeout*3/5, min(viewerTimeout/5, 2*time.Second))
	return webrtc.NewAPI(webrtc.WithMediaEngine(me), webrtc.WithInterceptorRegistry(ir), webrtc.WithSettingEngine(se)), nil
}

// iceConfig turns Config.ICEServers (validated) into pion's form.
func iceConfig(urls []string) webrtc.Configuration {
	var c webrtc.Configuration
	for _, u := range urls {
		srv, err := parseICEServer(u)
		if err != nil {
			continue // Validate has already refused it
		}
		is := webrtc.ICEServer{URLs: []string{srv.url}}
		if srv.username != "" {
			is.Username, is.Credential = srv.username, srv.credential
		}
		c.ICEServers = append(c.ICEServers, is)
	}
	return c
}
