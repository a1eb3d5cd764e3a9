package calib

import (
	"time"

	"github.com/depthnode/depthnode/internal/ratelog"
)

// calibLog prefixes the aligner's lines with "[calib] ".
type calibLog struct{ out Logger }

func (c calibLog) Printf(format string, args ...any) { c.out.Printf("[calib] "+format, args...) }

// newLogLimiter lets one line per key through per interval and counts the
// rest, so a LiDAR that keeps failing does not flood the log.
func newLogLimiter(log Logger, interval time.Duration) *ratelog.Limiter {
	if log == nil {
		return ratelog.New(nil, interval)
	}
	return ratelog.New(calibLog{log}, interval)
}
