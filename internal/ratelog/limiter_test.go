package ratelog

import (
	"fmt"
	"testing"
	"time"
)

type lines []string

func (l *lines) Printf(format string, args ...any) { *l = append(*l, fmt.Sprintf(format, args...)) }

func TestLimiter(t *testing.T) {
	var out lines
	l := New(&out, time.Second)
	now := time.Unix(100, 0)
	l.Now = func() time.Time { return now }
	steps := []struct {
		advance   time.Duration
		key, text string
		want      string // "" = held back
	}{
		{0, "a", "bad 1", "bad 1"},
		{100 * time.Millisecond, "a", "bad 2", ""},
		{100 * time.Millisecond, "b", "other", "other"},
		{100 * time.Millisecond, "a", "bad 3", ""},
		{time.Second, "a", "bad 4", "bad 4 (2 similar lines suppressed)"},
		{0, "a", "bad 5", ""},
	}
	for i, s := range steps {
		now = now.Add(s.advance)
		before := len(out)
		l.Printf(s.key, "%s", s.text)
		switch {
		case s.want == "" && len(out) != before:
			t.Fatalf("step %d: wrote %q, want it held back", i, out[len(out)-1])
		case s.want != "" && (len(out) != before+1 || out[len(out)-1] != s.want):
			t.Fatalf("step %d: lines %q, want %q last", i, out, s.want)
		}
	}
}

func TestLimiterNilLoggerDiscards(t *testing.T) {
	New(nil, time.Second).Printf("k", "nothing %d", 1)
}
