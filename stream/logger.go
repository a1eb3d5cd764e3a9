package stream

import (
	"time"

	"github.com/depthnode/depthnode/internal/ratelog"
)

// Logger receives log lines; *log.Logger satisfies it.
type Logger interface {
	Printf(format string, args ...any)
}

// rateLog prefixes lines with "[stream] " and lets at most one limited line per key through
// each interval, so a hostile client cannot flood the node's log. Limited lines (refusals,
// failures) go to their own Logger, so a ROS node can send them at WARN level.
type rateLog struct {
	out     Logger
	limiter *ratelog.Limiter
}

func newRateLog(out, warn Logger, interval time.Duration) *rateLog {
	if warn == nil {
		warn = out
	}
	l := &rateLog{out: out}
	if warn == nil {
		l.limiter = ratelog.New(nil, interval)
	} else {
		l.limiter = ratelog.New(streamPrefix{warn}, interval)
	}
	return l
}

// streamPrefix marks a line as the stream component's.
type streamPrefix struct{ out Logger }

func (p streamPrefix) Printf(format string, args ...any) { p.out.Printf("[stream] "+format, args...) }

// Printf logs unconditionally.
func (l *rateLog) Printf(format string, args ...any) {
	if l.out != nil {
		streamPrefix{l.out}.Printf(format, args...)
	}
}

// Limited logs under key at most once per interval, counting what it held back.
func (l *rateLog) Limited(key, format string, args ...any) {
	l.limiter.Printf(key, format, args...)
}
