package stream

import (
	"crypto/sha256"
	"crypto/subtle"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/depthnode/depthnode/internal/logging"
	"github.com/depthnode/depthnode/internal/ratelog"
)

// tokenCheck compares request tokens with the configured one in constant
// time; hashing first also hides the token's length.
type tokenCheck struct {
	want [32]byte
	on   bool
}

func newTokenCheck(token string) tokenCheck {
	return tokenCheck{want: sha256.Sum256([]byte(token)), on: token != ""}
}

// allows reports whether r carries the token, as ?token= or a Bearer header.
func (c tokenCheck) allows(r *http.Request) bool {
	if !c.on {
		return true
	}
	got := r.URL.Query().Get("token")
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, val, ok := strings.Cut(h, " ")
		if ok && strings.EqualFold(scheme, "Bearer") {
			got = strings.TrimSpace(val)
		}
	}
	sum := sha256.Sum256([]byte(got))
	return subtle.ConstantTimeCompare(sum[:], c.want[:]) == 1
}

// infoPeriod is how often the viewer joined/left lines may each be written.
const infoPeriod = time.Second

// newInfoLog limits unconditional-looking lines that clients can trigger.
func newInfoLog(out *slog.Logger) *ratelog.Limiter {
	if out == nil {
		return ratelog.New(nil, infoPeriod)
	}
	return ratelog.New(logging.Component(out, "stream"), infoPeriod).Info()
}

// authorize checks r's token, answering 401 for a wrong one and 429 (with
// Retry-After) to a client IP that has sent too many wrong ones lately, so
// the token cannot be guessed at thousands of tries a second.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) bool {
	if !s.auth.on {
		return true
	}
	ip := clientIP(r.RemoteAddr)
	if blocked, wait := s.throttle.blocked(ip); blocked {
		s.ctr.throttled.Add(1)
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(wait.Seconds())))))
		s.log.Limited("429", "%s %s from %s: 429 too many wrong tokens", logText(r.Method), logText(r.URL.Path), logText(r.RemoteAddr))
		http.Error(w, "too many wrong tokens, retry later", http.StatusTooManyRequests)
		return false
	}
	if s.auth.allows(r) {
		return true
	}
	s.throttle.fail(ip)
	s.unauthorized(w, r)
	return false
}
