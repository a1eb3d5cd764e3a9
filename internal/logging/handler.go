package logging

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"
)

// Handler turns a record into one line, "[component] message key=value ...", and hands it to
// Write with the record's level and time. The component comes first in brackets because that is how the node's
// lines have always read (and what /rosout readers grep for).
type Handler struct {
	// Write receives each formatted line.
	Write func(level slog.Level, t time.Time, line string)
	// Level is the lowest level written.
	Level slog.Level

	component string
	attrs     string // preformatted " key=value" pairs from With
	group     string
}

// Enabled reports whether lines at level are written.
func (h *Handler) Enabled(_ context.Context, level slog.Level) bool { return level >= h.Level }

// Handle formats and writes one record.
func (h *Handler) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	comp := h.component
	extra := h.attrs
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == ComponentKey && h.group == "" {
			comp = a.Value.String()
			return true
		}
		extra += formatAttr(h.group, a)
		return true
	})
	if comp != "" {
		b.WriteString("[" + comp + "] ")
	}
	b.WriteString(r.Message)
	b.WriteString(extra)
	h.Write(r.Level, r.Time, b.String())
	return nil
}

// WithAttrs returns a handler that adds attrs to every line.
func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	c := *h
	for _, a := range attrs {
		if a.Key == ComponentKey && h.group == "" {
			c.component = a.Value.String()
			continue
		}
		c.attrs += formatAttr(h.group, a)
	}
	return &c
}

// WithGroup returns a handler that qualifies later attributes with name.
func (h *Handler) WithGroup(name string) slog.Handler {
	c := *h
	if c.group != "" {
		name = c.group + "." + name
	}
	c.group = name
	return &c
}

func formatAttr(group string, a slog.Attr) string {
	if a.Equal(slog.Attr{}) {
		return ""
	}
	k := a.Key
	if group != "" {
		k = group + "." + k
	}
	return fmt.Sprintf(" %s=%v", k, a.Value.Resolve())
}

// LevelTag marks a line above INFO where the level travels only in the text (goroslib's own
// lines on the console).
func LevelTag(l slog.Level) string {
	switch {
	case l >= slog.LevelError:
		return "ERROR: "
	case l >= slog.LevelWarn:
		return "WARN: "
	}
	return ""
}

// Lines returns a handler that writes each line through printf-style out (a *log.Logger's
// Printf, say), serialised.
func Lines(out func(format string, args ...any)) *Handler {
	var mu sync.Mutex
	return &Handler{Write: func(level slog.Level, _ time.Time, line string) {
		mu.Lock()
		defer mu.Unlock()
		out("%s", line)
	}, Level: slog.LevelDebug}
}

// Printf returns a logger whose lines go through printf-style out (t.Logf, a *log.Logger's
// Printf).
func Printf(out func(format string, args ...any)) *slog.Logger { return slog.New(Lines(out)) }
