package node

import (
	"fmt"
	"sync"
	"time"
)

// Logger receives the node's log lines; *log.Logger satisfies it.
type Logger interface {
	Printf(format string, args ...any)
}

type discard struct{}

func (discard) Printf(string, ...any) {}

// prefixed forwards to a parent logger with a component prefix, so a line
// says which part of the program wrote it.
type prefixed struct {
	parent Logger
	prefix string
}

func (p prefixed) Printf(format string, args ...any) {
	p.parent.Printf("%s", p.prefix+fmt.Sprintf(format, args...))
}

func withPrefix(l Logger, prefix string) Logger {
	if l == nil {
		return discard{}
	}
	return prefixed{parent: l, prefix: prefix}
}

// rateLog writes at most one line per key and period, and says how many
// lines it held back, so a stream of bad input cannot flood the log.
type rateLog struct {
	log    Logger
	period time.Duration

	mu   sync.Mutex
	last map[string]time.Time
	held map[string]int
}

func newRateLog(l Logger, period time.Duration) *rateLog {
	return &rateLog{log: l, period: period, last: map[string]time.Time{}, held: map[string]int{}}
}

// Printf logs under key unless a line with the same key was written less
// than one period ago.
func (r *rateLog) Printf(key, format string, args ...any) {
	r.mu.Lock()
	now := time.Now()
	if t, ok := r.last[key]; ok && now.Sub(t) < r.period {
		r.held[key]++
		r.mu.Unlock()
		return
	}
	held := r.held[key]
	r.last[key] = now
	r.held[key] = 0
	r.mu.Unlock()
	msg := fmt.Sprintf(format, args...)
	if held > 0 {
		msg += fmt.Sprintf(" (%d similar lines suppressed in the last %v)", held, r.period)
	}
	r.log.Printf("%s", msg)
}
