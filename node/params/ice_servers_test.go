package params

import (
	"strings"
	"testing"
)

// TestICEServerList: entries are split at commas and trimmed, and each is
// checked by the stream's own parser; a refusal never shows the password.
func TestICEServerList(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     []string
		bad      string // substring of the error; "" = accepted
	}{
		{name: "empty", in: ""},
		{name: "blanks only", in: " , ,"},
		{name: "one STUN", in: "stun:stun.example.org:3478", want: []string{"stun:stun.example.org:3478"}},
		{name: "STUN and TURN with blanks", in: " stun:a.example:3478 , turn:me:pw@b.example:3478?transport=tcp ,",
			want: []string{"stun:a.example:3478", "turn:me:pw@b.example:3478?transport=tcp"}},
		{name: "no scheme", in: "garbage", bad: `entry 1 "garbage"`},
		{name: "web URL", in: "stun:a.example:3478,http://b.example/", bad: `entry 2 "http://b.example/"`},
		{name: "TURN without credentials", in: "turn:b.example:3478", bad: "TURN needs USER:PASS@"},
		{name: "TURN bad port hides the password", in: "turn:me:hunter2@b.example:port", bad: `"turn:me:***@b.example:port"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := checkICEServers(c.in)
			if c.bad == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if got := ICEServerList(c.in); strings.Join(got, "|") != strings.Join(c.want, "|") {
					t.Fatalf("list %q, want %q", got, c.want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.bad) {
				t.Fatalf("error %v, want one containing %q", err, c.bad)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Fatalf("error shows the TURN password: %v", err)
			}
		})
	}
}
