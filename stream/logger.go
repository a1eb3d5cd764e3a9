package stream

import (
	"time"

	"github.com/depthnode/depthnode/internal/ratelog"
)

// Logger receives log lines; *log.Logger satisfies it.
type Logger interface {
	Printf(format string, args ...any)
}

// rateLog prefixes lines with "[stream] " and lets at most one line per key
// through each interval, so a hostile client cannot flood the node's log.
type rateLog struct {
	out     Logger
	limiter *ratelog.Limiter
}

func newRateLog(out Logger, interval time.Duration) *rateLog {
	l := &rateLog{out: out}
	if out == nil {
		l.limiter = ratelog.New(nil, interval)
	} else {
		l.limiter = ratelog.New(l, interval)
	}
	return l
}

// Printf logs unconditionally.
func (l *rateLog) Printf(format string, args ...any) {
	if l.out != nil {
		l.out.Printf("[stream] "+format, args...)
	}
}

// Limited logs under key at most once per interval, counting what it held back.
func (l *rateLog) Limited(key, format string, args ...any) {
	l.limiter.Printf(key, format, args...)
}
