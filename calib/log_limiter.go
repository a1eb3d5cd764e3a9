package calib

import (
	"log/slog"
	"time"

	"github.com/depthnode/depthnode/internal/logging"
	"github.com/depthnode/depthnode/internal/ratelog"
)

// newLogLimiter lets one line per key through per interval and counts the
// rest, so a LiDAR that keeps failing does not flood the log.
func newLogLimiter(log *slog.Logger, interval time.Duration) *ratelog.Limiter {
	if log == nil {
		return ratelog.New(nil, interval)
	}
	return ratelog.New(logging.Component(log, "calib"), interval)
}
