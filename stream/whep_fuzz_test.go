package stream

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/depthnode/depthnode/internal/logging"
)

// FuzzWHEPOffer throws arbitrary bodies and content types at POST /whep:
// every answer must be 201 or a 4xx/503, and nothing may panic or linger.
func FuzzWHEPOffer(f *testing.F) {
	for _, seed := range []string{"", "v=0", "\x00\xff", videoOfferWithoutVP8, vp8OfferWithoutICE,
		vp8OfferWithoutICE + "a=ice-ufrag:abcd\r\na=ice-pwd:0123456789012345678901\r\na=fingerprint:sha-256 00:11\r\na=setup:actpass\r\n"} {
		f.Add(seed, "application/sdp")
	}
	f.Add("v=0", "application/sdp; charset=utf-8")
	f.Add("v=0", "text/plain")
	// f.Logf may not be called from inside the fuzz target: log nowhere.
	s, _ := startServer(f, Config{MaxViewers: 2, Logger: logging.Discard()})
	f.Fuzz(func(t *testing.T, body, contentType string) {
		req := httptest.NewRequest(http.MethodPost, "/whep", strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		rec := httptest.NewRecorder()
		s.handleWHEP(rec, req)
		code := rec.Code
		if code != http.StatusCreated && code != http.StatusServiceUnavailable && (code < 400 || code > 499) {
			t.Fatalf("status %d for %q (%q)", code, body, contentType)
		}
		if code == http.StatusCreated {
			// Something fuzzed into a real offer: hang it up again.
			id := strings.TrimPrefix(rec.Header().Get("Location"), sessionPrefix)
			s.mu.Lock()
			v := s.viewers[id]
			s.mu.Unlock()
			if v != nil {
				s.dropViewer(v, "fuzz")
			}
		}
	})
}
