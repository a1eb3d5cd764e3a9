package stream

import (
	"sync"
	"time"
)

// Logger receives log lines; *log.Logger satisfies it.
type Logger interface {
	Printf(format string, args ...any)
}

// rateLog prefixes lines with "[stream] " and lets at most one line per key
// through each interval, so a hostile client cannot flood the node's log.
type rateLog struct {
	out      Logger
	interval time.Duration

	mu   sync.Mutex
	last map[string]time.Time
	held map[string]int
}

func newRateLog(out Logger, interval time.Duration) *rateLog {
	return &rateLog{out: out, interval: interval, last: map[string]time.Time{}, held: map[string]int{}}
}

// Printf logs unconditionally.
func (l *rateLog) Printf(format string, args ...any) {
	if l.out != nil {
		l.out.Printf("[stream] "+format, args...)
	}
}

// Limited logs under key at most once per interval, counting what it held back.
func (l *rateLog) Limited(key, format string, args ...any) {
	if l.out == nil {
		return
	}
	l.mu.Lock()
	now := time.Now()
	if now.Sub(l.last[key]) < l.interval {
		l.held[key]++
		l.mu.Unlock()
		return
	}
	n := l.held[key]
	l.last[key], l.held[key] = now, 0
	l.mu.Unlock()
	if n > 0 {
		format += " (%d similar lines suppressed)"
		args = append(args, n)
	}
	l.Printf(format, args...)
}
