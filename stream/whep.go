package stream

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/pion/sdp/v3"
	"github.com/pion/webrtc/v4"
)

const (
	maxOfferBytes = 64 << 10
	gatherTimeout = 5 * time.Second
	sessionPrefix = "/whep/"
)

// handleWHEP answers POST /whep: an SDP offer in, 201 + Location + the
// complete SDP answer out (ICE gathered fully, no trickle).
func (s *Server) handleWHEP(w http.ResponseWriter, r *http.Request) {
	cors(w)
	switch {
	case r.Method == http.MethodOptions:
		w.Header().Set("Accept-Post", "application/sdp")
		w.WriteHeader(http.StatusNoContent)
		return
	case r.Method != http.MethodPost:
		w.Header().Set("Allow", "POST, OPTIONS")
		s.reject(w, r, http.StatusMethodNotAllowed, "method not allowed")
		return
	case !s.authorize(w, r):
		return
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/sdp" {
		s.reject(w, r, http.StatusUnsupportedMediaType, "Content-Type must be application/sdp")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxOfferBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.reject(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("offer larger than %d bytes", maxOfferBytes))
			return
		}
		s.reject(w, r, http.StatusBadRequest, "cannot read offer")
		return
	}
	if err := checkOffer(body); err != nil {
		s.reject(w, r, http.StatusBadRequest, err.Error())
		return
	}
	if s.Viewers() >= s.cfg.MaxViewers {
		w.Header().Set("Retry-After", "5")
		s.reject(w, r, http.StatusServiceUnavailable, "too many viewers")
		return
	}
	select {
	case s.handshakes <- struct{}{}:
		defer func() { <-s.handshakes }()
	default:
		w.Header().Set("Retry-After", "1")
		s.reject(w, r, http.StatusServiceUnavailable, "too many offers at once")
		return
	}
	v, answer, err := s.newViewer(r, string(body))
	if err != nil {
		status := http.StatusBadRequest
		if !errors.Is(err, errBadOffer) {
			status = http.StatusServiceUnavailable
		}
		s.reject(w, r, status, err.Error())
		return
	}
	if !s.register(v, r.RemoteAddr) {
		v.close()
		w.Header().Set("Retry-After", "5")
		s.reject(w, r, http.StatusServiceUnavailable, "too many viewers or shutting down")
		return
	}
	w.Header().Set("Content-Type", "application/sdp")
	w.Header().Set("Location", sessionPrefix+v.id)
	w.WriteHeader(http.StatusCreated)
	_, _ = io.WriteString(w, answer)
}

// handleSession answers DELETE /whep/{id}: hang up.
func (s *Server) handleSession(w http.ResponseWriter, r *http.Request) {
	cors(w)
	switch {
	case r.Method == http.MethodOptions:
		w.WriteHeader(http.StatusNoContent)
		return
	case r.Method != http.MethodDelete:
		// PATCH (trickle ICE) is not offered: answers carry every candidate.
		w.Header().Set("Allow", "DELETE, OPTIONS")
		s.reject(w, r, http.StatusMethodNotAllowed, "method not allowed")
		return
	case !s.authorize(w, r):
		return
	}
	id := strings.TrimPrefix(r.URL.Path, sessionPrefix)
	s.mu.Lock()
	v, ok := s.viewers[id]
	s.mu.Unlock()
	if !ok {
		s.reject(w, r, http.StatusNotFound, "unknown session")
		return
	}
	s.dropViewer(v, "hung up")
	w.WriteHeader(http.StatusOK)
}

// checkOffer refuses what is not an SDP offer with VP8 video to receive.
func checkOffer(body []byte) error {
	var d sdp.SessionDescription
	if err := d.UnmarshalString(string(body)); err != nil {
		return fmt.Errorf("%w: not SDP: %v", errBadOffer, err)
	}
	for _, m := range d.MediaDescriptions {
		if m.MediaName.Media != "video" {
			continue
		}
		for _, a := range m.Attributes {
			if a.Key == "rtpmap" && strings.Contains(strings.ToUpper(a.Value), "VP8/90000") {
				return nil
			}
		}
	}
	return fmt.Errorf("%w: no video section offering VP8", errBadOffer)
}

// newViewer builds the peer connection for an offer and returns the answer
// once ICE gathering is complete.
func (s *Server) newViewer(r *http.Request, offer string) (*viewer, string, error) {
	pc, err := s.api.NewPeerConnection(iceConfig(s.cfg.ICEServers))
	if err != nil {
		return nil, "", fmt.Errorf("peer connection: %w", err)
	}
	v := &viewer{id: newSessionID(), pc: pc}
	s.wire(v)
	fail := func(format string, err error, bad bool) (*viewer, string, error) {
		v.close()
		if bad {
			return nil, "", fmt.Errorf("%w: "+format, errBadOffer, err)
		}
		return nil, "", fmt.Errorf(format, err)
	}
	if v.track, err = newViewerTrack(); err != nil {
		return fail("video track: %v", err, false)
	}
	if v.sender, err = pc.AddTrack(v.track); err != nil {
		return fail("add track: %v", err, false)
	}
	if err := pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeOffer, SDP: offer}); err != nil {
		return fail("offer refused: %v", err, true)
	}
	answer, err := pc.CreateAnswer(nil)
	if err != nil {
		return fail("cannot answer: %v", err, true)
	}
	gathered := webrtc.GatheringCompletePromise(pc)
	if err := pc.SetLocalDescription(answer); err != nil {
		return fail("local description: %v", err, true)
	}
	timer := time.NewTimer(gatherTimeout)
	defer timer.Stop()
	select {
	case <-gathered:
	case <-timer.C:
		return fail("%v", errors.New("ICE gathering timed out"), false)
	case <-r.Context().Done():
		return fail("%v", r.Context().Err(), false)
	}
	return v, pc.LocalDescription().SDP, nil
}

// register adds v unless the server is closing or full, and starts its
// RTCP reader and the watchdog that drops it if it never connects.
func (s *Server) register(v *viewer, remote string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || len(s.viewers) >= s.cfg.MaxViewers {
		return false
	}
	s.viewers[v.id] = v
	s.count.Store(int32(len(s.viewers)))
	s.wg.Add(1)
	go s.readRTCP(v.sender)
	connectTimeout := max(10*time.Second, 2*s.cfg.ViewerTimeout)
	v.watchdog = time.AfterFunc(connectTimeout, func() {
		if !v.connected.Load() {
			s.dropViewer(v, "never connected")
		}
	})
	s.ctr.viewersJoined.Add(1)
	s.info.Printf("joined", "viewer %s joined from %s, %d watching", v.id, logText(remote), len(s.viewers))
	return true
}

func newSessionID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on Linux
	return hex.EncodeToString(b[:])
}

// cors lets a WHEP player served from another origin use the endpoint; the
// token, not the origin, is what guards it.
func cors(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Allow-Methods", "POST, DELETE, OPTIONS")
	h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
	h.Set("Access-Control-Expose-Headers", "Location")
}

// reject answers with status and a one-line reason, counts it and logs it
// at a limited rate.
func (s *Server) reject(w http.ResponseWriter, r *http.Request, status int, why string) {
	if status >= 400 && status < 500 {
		s.ctr.badRequests.Add(1)
	}
	s.log.Limited(fmt.Sprint(status), "%s %s from %s: %d %s",
		logText(r.Method), logText(r.URL.Path), logText(r.RemoteAddr), status, logText(why))
	http.Error(w, why, status)
}

func (s *Server) unauthorized(w http.ResponseWriter, r *http.Request) {
	s.ctr.unauthorized.Add(1)
	s.log.Limited("401", "%s %s from %s: 401 missing or wrong token", logText(r.Method), logText(r.URL.Path), logText(r.RemoteAddr))
	w.Header().Set("WWW-Authenticate", `Bearer realm="depthnode preview"`)
	http.Error(w, "token required", http.StatusUnauthorized)
}
