package node

import (
	"fmt"
	"sync"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/rosgraph_msgs"
)

// rosout sends the node's log lines to /rosout (rosgraph_msgs/Log) besides the local logger,
// as roscpp and rospy nodes do, so rqt_console, `rostopic echo /rosout` and roslaunch's
// rosout.log show them. It goes through goroslib's own /rosout publisher (goroslib.Node.Log),
// whose console output it takes over (onGoroslib), so each line is printed once, by the local
// logger. Lines logged before the master is reached, or after the node closed, stay local.
type rosout struct {
	local Logger

	mu      sync.Mutex
	ros     *goroslib.Node
	pending map[string]int // own lines handed to ros.Log whose callback has not come back yet
}

func newRosout(local Logger) *rosout { return &rosout{local: local, pending: map[string]int{}} }

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

// Printf logs an INFO line.
func (r *rosout) Printf(format string, args ...any) {
	r.logAt(rosgraph_msgs.Log_INFO, fmt.Sprintf(format, args...))
}

func (r *rosout) logAt(level int8, msg string) {
	r.local.Printf("%s", msg)
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
// (already printed) and goroslib's own, which are printed here.
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
	r.local.Printf("[goroslib] %s%s", levelTag(level), msg)
}

// goroslibLevel maps a rosgraph_msgs/Log level to goroslib's.
func goroslibLevel(level int8) goroslib.LogLevel {
	switch level {
	case rosgraph_msgs.Log_DEBUG:
		return goroslib.LogLevelDebug
	case rosgraph_msgs.Log_WARN:
		return goroslib.LogLevelWarn
	case rosgraph_msgs.Log_ERROR:
		return goroslib.LogLevelError
	case rosgraph_msgs.Log_FATAL:
		return goroslib.LogLevelFatal
	}
	return goroslib.LogLevelInfo
}

// levelTag marks goroslib's lines above INFO, as its console output did.
func levelTag(level goroslib.LogLevel) string {
	switch level {
	case goroslib.LogLevelWarn:
		return "WARN: "
	case goroslib.LogLevelError, goroslib.LogLevelFatal:
		return "ERROR: "
	}
	return ""
}
