package node

import (
	"fmt"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/rosgraph_msgs"

	"github.com/depthnode/depthnode/internal/ratelog"
)

// Logger receives the node's log lines; *log.Logger satisfies it.
type Logger interface {
	Printf(format string, args ...any)
}

type discard struct{}

func (discard) Printf(string, ...any) {}

// levelLogger is a Logger that also takes a rosgraph_msgs/Log severity (the node's rosout).
type levelLogger interface {
	Logger
	logAt(level int8, msg string)
}

// logAt writes msg to l at level when l knows levels, else as a plain line.
func logAt(l Logger, level int8, msg string) {
	if ll, ok := l.(levelLogger); ok {
		ll.logAt(level, msg)
		return
	}
	l.Printf("%s", msg)
}

// prefixed forwards to a parent logger with a component prefix, so a line
// says which part of the program wrote it.
type prefixed struct {
	parent Logger
	prefix string
}

func (p prefixed) Printf(format string, args ...any) {
	p.logAt(rosgraph_msgs.Log_INFO, fmt.Sprintf(format, args...))
}

func (p prefixed) logAt(level int8, msg string) { logAt(p.parent, level, p.prefix+msg) }

func withPrefix(l Logger, prefix string) Logger {
	if l == nil {
		return discard{}
	}
	return prefixed{parent: l, prefix: prefix}
}

// atLevel logs every line at one severity: warnings() is for lines about bad input, failures
// and refused settings, which /rosout readers filter by level.
type atLevel struct {
	parent Logger
	level  int8
}

func (a atLevel) Printf(format string, args ...any) {
	logAt(a.parent, a.level, fmt.Sprintf(format, args...))
}

// warnings returns a Logger that writes WARN lines to l.
func warnings(l Logger) Logger {
	if l == nil {
		return discard{}
	}
	return atLevel{parent: l, level: rosgraph_msgs.Log_WARN}
}

// rateLog writes at most one line per key and period, and says how many
// lines it held back, so a stream of bad input cannot flood the log.
type rateLog = ratelog.Limiter

func newRateLog(l Logger, period time.Duration) *rateLog { return ratelog.New(l, period) }
