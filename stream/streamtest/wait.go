package streamtest

import (
	"encoding/json"
	"testing"
	"time"
)

// Wait bounds every wait in this package: a hang guard, not a speed goal.
const Wait = 60 * time.Second

// NextFrame waits for the next received VP8 frame.
func (v *Viewer) NextFrame(t testing.TB) Frame {
	t.Helper()
	select {
	case f := <-v.frames:
		return f
	case <-time.After(Wait):
		t.Fatalf("no video frame within %v", Wait)
		return Frame{}
	}
}

// Next waits for a data channel message of kind that decodes into M and
// that ok accepts (any, when ok is nil); what names it in the failure.
func Next[M any](t testing.TB, v *Viewer, kind, what string, ok func(M) bool) M {
	t.Helper()
	deadline := time.After(Wait)
	for {
		select {
		case raw := <-v.messages(kind):
			var m M
			if json.Unmarshal(raw, &m) == nil && (ok == nil || ok(m)) {
				return m
			}
		case <-deadline:
			t.Fatalf("no %s within %v", what, Wait)
			var zero M
			return zero
		}
	}
}
