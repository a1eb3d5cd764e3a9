package node

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/bluenviron/goroslib/v2"

	"github.com/depthnode/depthnode/internal/logging"
)

// rosout sends the node's log lines to /rosout (rosgraph_msgs/Log) besides the local logger,
// at their level, as roscpp and rospy nodes do, so rqt_console, `rostopic echo /rosout` and
// roslaunch's rosout.log show them. It goes through goroslib's own /rosout publisher
// (goroslib.Node.Log), whose console output it takes over (onGoroslib), so each line is printed
// once, by the local logger. Lines logged before the master is reached, or after the node
// closed, stay local.
type rosout struct {
	local *slog.Logger

	mu      sync.Mutex
	ros     *goroslib.Node
	pending map[string]int // own lines handed to ros.Log whose callback has not come back yet
}

func newRosout(local *slog.Logger) *rosout {
	return &rosout{local: logging.Or(local), pending: map[string]int{}}
}

// logger is the node's logger: every line goes to the local logger and to /rosout.
func (r *rosout) logger() *slog.Logger {
	return slog.New(&rosoutHandler{local: r.local.Handler(), line: &logging.Handler{Write: r.send}})
}

// attach starts sending lines to ros's /rosout.
func (r *rosout) attach(ros *goroslib.Node) {
	r.mu.Lock()
	r.ros = ros
	r.mu.Unlock()
}

// detach stops sending lines to /rosout (before the ROS node closes).
func (r *rosout) detach() {
	r.mu.Lock()
	r.ros = nil
	r.mu.Unlock()
}

func (r *rosout) send(level slog.Level, _ time.Time, msg string) {
	r.mu.Lock()
	ros := r.ros
	if ros != nil {
		r.pending[msg]++
	}
	r.mu.Unlock()
	if ros != nil {
		ros.Log(goroslibLevel(level), "%s", msg)
	}
}

// onGoroslib receives every line goroslib.Node.Log writes: the node's own lines coming back
// (already printed) and goroslib's own, which are printed here at their level.
func (r *rosout) onGoroslib(level goroslib.LogLevel, msg string) {
	r.mu.Lock()
	if n := r.pending[msg]; n > 0 {
		if n == 1 {
			delete(r.pending, msg)
		} else {
			r.pending[msg] = n - 1
		}
		r.mu.Unlock()
		return
	}
	r.mu.Unlock()
	r.local.Log(context.Background(), slogLevel(level), logging.LevelTag(slogLevel(level))+msg, logging.ComponentKey, "goroslib")
}

// rosoutHandler hands each record to the local handler and, as one line, to /rosout.
type rosoutHandler struct {
	local slog.Handler
	line  slog.Handler
}

func (h *rosoutHandler) Enabled(ctx context.Context, l slog.Level) bool { return true }

func (h *rosoutHandler) Handle(ctx context.Context, rec slog.Record) error {
	if h.local.Enabled(ctx, rec.Level) {
		_ = h.local.Handle(ctx, rec.Clone())
	}
	return h.line.Handle(ctx, rec)
}

func (h *rosoutHandler) WithAttrs(a []slog.Attr) slog.Handler {
	return &rosoutHandler{local: h.local.WithAttrs(a), line: h.line.WithAttrs(a)}
}

func (h *rosoutHandler) WithGroup(name string) slog.Handler {
	return &rosoutHandler{local: h.local.WithGroup(name), line: h.line.WithGroup(name)}
}

// goroslibLevel maps a slog level to goroslib's.
func goroslibLevel(l slog.Level) goroslib.LogLevel {
	switch {
	case l >= slog.LevelError:
		return goroslib.LogLevelError
	case l >= slog.LevelWarn:
		return goroslib.LogLevelWarn
	case l >= slog.LevelInfo:
		return goroslib.LogLevelInfo
	}
	return goroslib.LogLevelDebug
}

// slogLevel maps goroslib's level to slog's.
func slogLevel(l goroslib.LogLevel) slog.Level {
	switch l {
	case goroslib.LogLevelDebug:
		return slog.LevelDebug
	case goroslib.LogLevelWarn:
		return slog.LevelWarn
	case goroslib.LogLevelError, goroslib.LogLevelFatal:
		return slog.LevelError
	}
	return slog.LevelInfo
}
