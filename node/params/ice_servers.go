package params

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/depthnode/depthnode/stream"
)

// ICEServerList splits ~preview_ice_servers at commas; blanks around and
// between entries are ignored, so "a, b," is two servers.
func ICEServerList(s string) []string {
	var out []string
	for _, u := range strings.Split(s, ",") {
		if u = strings.TrimSpace(u); u != "" {
			out = append(out, u)
		}
	}
	return out
}

// checkICEServers reports the first entry of ~preview_ice_servers the
// stream would refuse; the stream's own parser decides, so the node cannot
// accept what the preview later rejects.
func checkICEServers(v any) error {
	s := v.(string)
	for i, u := range ICEServerList(s) {
		// Addr only has to be non-empty for Validate; nothing listens here.
		cfg := stream.Config{Addr: ":0", ICEServers: []string{u}}
		if err := cfg.Validate(); err != nil {
			// The line goes to the log (and /rosout): never the TURN password.
			why := strings.ReplaceAll(err.Error(), strconv.Quote(u), strconv.Quote(redactICE(u)))
			why = strings.ReplaceAll(why, u, redactICE(u))
			return fmt.Errorf("entry %d %q is not a STUN/TURN URL like stun:HOST:PORT or turn:USER:PASS@HOST:PORT (%s)",
				i+1, redactICE(u), why)
		}
	}
	return nil
}

// redactICE hides the password of scheme:USER:PASS@host.
func redactICE(u string) string {
	at := strings.LastIndex(u, "@")
	scheme, _, ok := strings.Cut(u, ":")
	if at < 0 || !ok || at < len(scheme)+1 {
		return u
	}
	user, _, hasPass := strings.Cut(u[len(scheme)+1:at], ":")
	if !hasPass {
		return u
	}
	return scheme + ":" + user + ":***" + u[at:]
}
