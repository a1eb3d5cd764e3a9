package logging

import (
	"fmt"
	"log/slog"
	"testing"
)

func TestHandlerLines(t *testing.T) {
	var got []string
	l := Printf(func(format string, args ...any) { got = append(got, fmt.Sprintf(format, args...)) })
	for _, c := range []struct {
		name  string
		write func()
		want  string
	}{
		{"plain", func() { l.Info("model loaded") }, "model loaded"},
		{"component", func() { Component(l, "metric").Info("fit holds") }, "[metric] fit holds"},
		{"warning", func() { Component(l, "stream").Warn("refused") }, "[stream] refused"},
		{"error with attribute", func() { l.Error("failed", "frame", 3) }, "failed frame=3"},
		{"component as an attribute of the record", func() { l.Info("x", ComponentKey, "inference") }, "[inference] x"},
		{"group", func() { l.WithGroup("g").Info("y", "k", "v") }, "y g.k=v"},
		{"debug", func() { l.Debug("d") }, "d"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got = nil
			c.write()
			if len(got) != 1 || got[0] != c.want {
				t.Fatalf("lines %q, want %q", got, c.want)
			}
		})
	}
	if Discard().Enabled(t.Context(), slog.LevelError) {
		t.Fatal("Discard writes")
	}
}
