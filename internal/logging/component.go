package logging

import "log/slog"

// ComponentKey is the attribute naming the part of the program that wrote a line.
const ComponentKey = "component"

// Discard is a logger that drops everything.
func Discard() *slog.Logger { return slog.New(slog.DiscardHandler) }

// Or returns l, or a discarding logger when l is nil.
func Or(l *slog.Logger) *slog.Logger {
	if l == nil {
		return Discard()
	}
	return l
}

// Component returns l with the component attribute set (a nil l discards).
func Component(l *slog.Logger, name string) *slog.Logger {
	return Or(l).With(ComponentKey, name)
}
