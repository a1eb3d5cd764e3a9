package node

import (
	"fmt"
	"time"

	"github.com/depthnode/depthnode/internal/ratelog"
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
type rateLog = ratelog.Limiter

func newRateLog(l Logger, period time.Duration) *rateLog { return ratelog.New(l, period) }
