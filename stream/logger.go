package stream

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/depthnode/depthnode/internal/logging"
	"github.com/depthnode/depthnode/internal/ratelog"
)

// rateLog writes the component's lines (component "stream") and lets at most one limited line
// per key through each interval, so a hostile client cannot flood the node's log. Limited lines
// (refusals, failures) are WARN, so a ROS node sends them to /rosout at that level.
type rateLog struct {
	out     *slog.Logger
	limiter *ratelog.Limiter
}

func newRateLog(out *slog.Logger, interval time.Duration) *rateLog {
	l := &rateLog{out: logging.Component(out, "stream")}
	if out == nil {
		l.limiter = ratelog.New(nil, interval)
	} else {
		l.limiter = ratelog.New(l.out, interval)
	}
	return l
}

// Printf logs an INFO line unconditionally.
func (l *rateLog) Printf(format string, args ...any) { l.out.Info(fmt.Sprintf(format, args...)) }

// Limited logs a WARN line under key at most once per interval, counting what it held back.
func (l *rateLog) Limited(key, format string, args ...any) {
	l.limiter.Printf(key, format, args...)
}
