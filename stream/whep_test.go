package stream

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/depthnode/depthnode/stream/streamtest"
)

const videoOfferWithoutVP8 = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n" +
	"m=video 9 UDP/TLS/RTP/SAVPF 102\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:102 H264/90000\r\na=recvonly\r\n"

const vp8OfferWithoutICE = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n" +
	"m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=rtpmap:96 VP8/90000\r\na=recvonly\r\n"

func TestBadRequestsAreRefused(t *testing.T) {
	s, base := startServer(t, Config{Token: "s3cret"})
	auth := map[string]string{"Authorization": "Bearer s3cret"}
	sdpAuth := map[string]string{"Authorization": "Bearer s3cret", "Content-Type": "application/sdp"}
	for _, tc := range []struct {
		name, method, path, body string
		header                   map[string]string
		want                     int
		unauthorized             bool
	}{
		{"page without token", "GET", "/", "", nil, 401, true},
		{"page with wrong token", "GET", "/?token=guess", "", nil, 401, true},
		{"page with token prefix", "GET", "/?token=s3cre", "", nil, 401, true},
		{"WHEP without token", "POST", "/whep", "v=0", map[string]string{"Content-Type": "application/sdp"}, 401, true},
		{"WHEP with wrong bearer", "POST", "/whep", "v=0", map[string]string{"Content-Type": "application/sdp", "Authorization": "Bearer nope"}, 401, true},
		{"DELETE without token", "DELETE", "/whep/abc", "", nil, 401, true},
		{"unknown page", "GET", "/index.php", "", nil, 404, false},
		{"wrong method on page", "POST", "/?token=s3cret", "", nil, 405, false},
		{"GET on WHEP", "GET", "/whep", "", auth, 405, false},
		{"PATCH trickle", "PATCH", "/whep/abc", "a=candidate", auth, 405, false},
		{"no content type", "POST", "/whep", "v=0", auth, 415, false},
		{"wrong content type", "POST", "/whep", `{"sdp":"v=0"}`, map[string]string{"Authorization": "Bearer s3cret", "Content-Type": "application/json"}, 415, false},
		{"garbage content type", "POST", "/whep", "v=0", map[string]string{"Authorization": "Bearer s3cret", "Content-Type": ";;;"}, 415, false},
		{"empty offer", "POST", "/whep", "", sdpAuth, 400, false},
		{"garbage offer", "POST", "/whep", "\x00\xffnot sdp at all", sdpAuth, 400, false},
		{"offer without video", "POST", "/whep", "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n", sdpAuth, 400, false},
		{"offer without VP8", "POST", "/whep", videoOfferWithoutVP8, sdpAuth, 400, false},
		{"offer without ICE or DTLS", "POST", "/whep", vp8OfferWithoutICE, sdpAuth, 400, false},
		{"huge offer", "POST", "/whep", "v=0\r\n" + strings.Repeat("a=x:"+strings.Repeat("y", 1000)+"\r\n", 100), sdpAuth, 413, false},
		{"unknown session", "DELETE", "/whep/0123456789abcdef", "", auth, 404, false},
		// The mux cleans the path to /whep, where DELETE is not allowed.
		{"session path traversal", "DELETE", "/whep/../whep", "", auth, 405, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := s.Counters()
			req, err := http.NewRequest(tc.method, base+tc.path, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			res, err := http.DefaultClient.Do(req)
			mustStatus(t, res, err, tc.want)
			after := s.Counters()
			if tc.unauthorized && after.Unauthorized != before.Unauthorized+1 {
				t.Errorf("Unauthorized counter %d -> %d", before.Unauthorized, after.Unauthorized)
			}
			if !tc.unauthorized && after.BadRequests != before.BadRequests+1 {
				t.Errorf("BadRequests counter %d -> %d", before.BadRequests, after.BadRequests)
			}
			if s.Viewers() != 0 {
				t.Errorf("a refused request left %d viewers", s.Viewers())
			}
		})
	}

	t.Run("still serves after all that", func(t *testing.T) {
		res, err := http.Get(base + "/?token=s3cret")
		mustStatus(t, res, err, http.StatusOK)
		v := streamtest.Dial(t, base, "s3cret")
		nextFrameOrPush(t, v, s)
	})
}

func TestPageIsSelfContained(t *testing.T) {
	_, base := startServer(t, Config{Token: "tok"})
	for _, tc := range []struct{ name, path string }{
		{"query token", "/?token=tok"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := http.Get(base + tc.path)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
				t.Fatalf("status %d, type %q", res.StatusCode, res.Header.Get("Content-Type"))
			}
			if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
				t.Fatalf("CSP %q does not forbid outside resources", csp)
			}
		})
	}
	t.Run("bearer header", func(t *testing.T) {
		req, _ := http.NewRequest("GET", base+"/", nil)
		req.Header.Set("Authorization", "Bearer tok")
		res, err := http.DefaultClient.Do(req)
		mustStatus(t, res, err, http.StatusOK)
	})
	page := string(indexHTML)
	for _, bad := range []string{"http://", "https://", "<link", "src=", "@import", "url("} {
		if strings.Contains(page, bad) {
			t.Errorf("page refers to something outside itself: %q", bad)
		}
	}
}

// nextFrameOrPush pushes frames until the viewer receives one.
func nextFrameOrPush(t testing.TB, v *streamtest.Viewer, s *Server) streamtest.Frame {
	t.Helper()
	stop := make(chan struct{})
	sc := sceneSpec{w: 64, h: 48, depth: 0.5, normal: [3]float32{0, 0, -1}, metric: float32NaN()}
	wg := pushUntil(s, stop, 20*time.Millisecond, func(int) *Frame { return sc.frame() })
	defer func() { close(stop); wg.Wait() }()
	return v.NextFrame(t)
}
