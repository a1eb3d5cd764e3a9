package inference

import (
	"fmt"
	"log/slog"

	"github.com/depthnode/depthnode/internal/logging"
)

// engineLog writes the package's lines under the component "inference" at their level.
type engineLog struct{ l *slog.Logger }

func newEngineLog(l *slog.Logger) engineLog { return engineLog{logging.Component(l, "inference")} }

// Printf logs an INFO line.
func (e engineLog) Printf(format string, args ...any) { e.l.Info(fmt.Sprintf(format, args...)) }

// Warnf logs a WARN line: a fallback or a refused setting the user should see.
func (e engineLog) Warnf(format string, args ...any) { e.l.Warn(fmt.Sprintf(format, args...)) }
