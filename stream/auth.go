package stream

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"
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
