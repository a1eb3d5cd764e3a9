package stream

import (
	_ "embed"
	"net/http"
)

//go:embed web/index.html
var indexHTML []byte

// pageCSP forbids anything not inside the page itself, so the page keeps
// working on a robot network without internet and cannot be made to load
// foreign scripts.
const pageCSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; " +
	"connect-src 'self'; media-src 'self' blob:; img-src 'self' data:"

func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/favicon.ico" {
		// Every browser asks; an empty answer keeps it out of the bad-request log.
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if r.URL.Path != "/" {
		s.reject(w, r, http.StatusNotFound, "no such page")
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		s.reject(w, r, http.StatusMethodNotAllowed, "method not allowed")
		return
	}
	if !s.authorize(w, r) {
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", pageCSP)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer") // the URL may carry the token
	_, _ = w.Write(indexHTML)
}
