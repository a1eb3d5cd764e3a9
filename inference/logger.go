package inference

// Logger receives the package's log lines; *log.Logger satisfies it. nil discards.
type Logger interface {
	Printf(format string, args ...any)
}

// prefixLogger adds the component prefix so lines are attributable in the node's log.
type prefixLogger struct{ parent Logger }

func (l prefixLogger) Printf(format string, args ...any) {
	if l.parent != nil {
		l.parent.Printf("[inference] "+format, args...)
	}
}
