package calib

import (
	"fmt"
	"time"
)

// logLimiter lets one line per key through per interval and counts the rest,
// so a LiDAR that keeps failing does not flood the log.
type logLimiter struct {
	log        Logger
	interval   time.Duration
	last       map[string]time.Time
	suppressed map[string]int
	now        func() time.Time
}

func newLogLimiter(log Logger, interval time.Duration) *logLimiter {
	return &logLimiter{log: log, interval: interval, last: map[string]time.Time{}, suppressed: map[string]int{}, now: time.Now}
}

// printf logs under key unless key logged less than interval ago.
func (l *logLimiter) printf(key, format string, args ...any) {
	if l.log == nil {
		return
	}
	now := l.now()
	if t, ok := l.last[key]; ok && now.Sub(t) < l.interval {
		l.suppressed[key]++
		return
	}
	msg := fmt.Sprintf(format, args...)
	if n := l.suppressed[key]; n > 0 {
		msg += fmt.Sprintf(" (%d more like this since)", n)
	}
	l.last[key], l.suppressed[key] = now, 0
	l.log.Printf("[calib] %s", msg)
}
