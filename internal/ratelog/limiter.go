// Package ratelog holds the rate-limited log line shared by the node, the
// preview server and the LiDAR aligner: bad input from the outside world gets
// one clear line per kind and period, never a flood.
package ratelog

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// Limiter writes at most one WARN line per key and period to its logger and says,
// on the next line written for that key, how many it held back. It is safe
// for concurrent use; a nil logger discards everything.
type Limiter struct {
	out    *slog.Logger
	level  slog.Level
	period time.Duration
	// Now is the clock; tests replace it.
	Now func() time.Time

	mu   sync.Mutex
	last map[string]time.Time
	held map[string]int
}

// New returns a Limiter writing to out at most once per key and period.
func New(out *slog.Logger, period time.Duration) *Limiter {
	return &Limiter{out: out, level: slog.LevelWarn, period: period, Now: time.Now, last: map[string]time.Time{}, held: map[string]int{}}
}

// Info makes the limiter write INFO lines (client-triggered but harmless lines, such as a
// viewer joining) and returns it.
func (l *Limiter) Info() *Limiter { l.level = slog.LevelInfo; return l }

// SetPeriod changes the period for lines from now on.
func (l *Limiter) SetPeriod(d time.Duration) {
	l.mu.Lock()
	l.period = d
	l.mu.Unlock()
}

// Printf logs under key unless a line with the same key was written less
// than one period ago, in which case the line is only counted.
func (l *Limiter) Printf(key, format string, args ...any) {
	if l.out == nil {
		return
	}
	l.mu.Lock()
	now := l.Now()
	if t, ok := l.last[key]; ok && now.Sub(t) < l.period {
		l.held[key]++
		l.mu.Unlock()
		return
	}
	held := l.held[key]
	l.last[key], l.held[key] = now, 0
	l.mu.Unlock()
	msg := fmt.Sprintf(format, args...)
	if held > 0 {
		msg += fmt.Sprintf(" (%d similar lines suppressed)", held)
	}
	l.out.Log(context.Background(), l.level, msg)
}
