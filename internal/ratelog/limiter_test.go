package ratelog

import (
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"
)

// lines records each message and insists on the WARN level.
type lines struct {
	t   *testing.T
	got []string
}

func (l *lines) Enabled(context.Context, slog.Level) bool { return true }
func (l *lines) Handle(_ context.Context, r slog.Record) error {
	if r.Level != slog.LevelWarn {
		l.t.Errorf("line %q at %v, want WARN", r.Message, r.Level)
	}
	l.got = append(l.got, r.Message)
	return nil
}
func (l *lines) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *lines) WithGroup(string) slog.Handler      { return l }

func TestLimiter(t *testing.T) {
	rec := &lines{t: t}
	l := New(slog.New(rec), time.Second)
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
		before := len(rec.got)
		l.Printf(s.key, "%s", s.text)
		out := rec.got
		switch {
		case s.want == "" && len(out) != before:
			t.Fatalf("step %d: wrote %q, want it held back", i, out[len(out)-1])
		case s.want != "" && (len(out) != before+1 || out[len(out)-1] != s.want):
			t.Fatalf("step %d: lines %q, want %q last", i, out, s.want)
		}
	}
}

// TestLimiterNilLoggerDiscards: without a logger nothing is kept per key either, so a
// stream of distinct keys costs no memory.
func TestLimiterNilLoggerDiscards(t *testing.T) {
	l := New(nil, time.Second)
	for i := range 1000 {
		l.Printf(fmt.Sprint("k", i), "nothing %d", i)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.last) != 0 || len(l.held) != 0 {
		t.Fatalf("a limiter without a logger keeps %d keys", len(l.last)+len(l.held))
	}
}

// TestRateLogSetPeriod: one line per key, and a new period applies to the next line.
func TestRateLogSetPeriod(t *testing.T) {
	lg := &lines{t: t}
	r := New(slog.New(lg), time.Hour)
	for range 5 {
		r.Printf("a", "bad %d", 1)
	}
	r.Printf("b", "other")
	if len(lg.got) != 2 {
		t.Fatalf("lines = %q, want one per key", lg.got)
	}
	r.SetPeriod(0)
	r.Printf("a", "bad again")
	if last := lg.got[len(lg.got)-1]; last != "bad again (4 similar lines suppressed)" {
		t.Fatalf("last line = %q", last)
	}
}
