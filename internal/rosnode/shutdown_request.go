package rosnode

import (
	"strings"
	"sync"
)

// goroslibShutdownLine starts the line goroslib v2.1.5 logs when another node asks this one to
// shut down through the slave API (`rosnode kill`): "got shutdown request from CALLER: REASON".
// goroslib then stops its own node but tells its user nothing else, so the line is the only
// signal; the binaries' TestRosnodeKill notice if it changes.
const goroslibShutdownLine = "got shutdown request from "

// nameTakenReason is what rosmaster (registrations.py) sends a node whose name another node
// registered: "[/name] Reason: new node registered with same name". `rosnode kill` sends
// "user request".
const nameTakenReason = "new node registered with same name"

// ShutdownRequest turns `rosnode kill` into a channel a program waits on, as roscpp's ros::ok()
// turns false, so the process exits instead of idling with a dead ROS node. Feed it goroslib's
// log lines (Connect's onLog).
type ShutdownRequest struct {
	once sync.Once
	ch   chan struct{}
	line string // goroslib's line, set before ch closes
}

// NewShutdownRequest returns a request not yet made.
func NewShutdownRequest() *ShutdownRequest { return &ShutdownRequest{ch: make(chan struct{})} }

// Observe looks at one of goroslib's log lines.
func (s *ShutdownRequest) Observe(msg string) {
	if strings.HasPrefix(msg, goroslibShutdownLine) {
		s.once.Do(func() { s.line = msg; close(s.ch) })
	}
}

// Done is closed once a shutdown was requested.
func (s *ShutdownRequest) Done() <-chan struct{} { return s.ch }

// NameTaken reports, once Done is closed, whether the master shut the node down because
// another node registered the same name (rather than someone running `rosnode kill`).
func (s *ShutdownRequest) NameTaken() bool {
	select {
	case <-s.ch:
		return strings.Contains(s.line, nameTakenReason)
	default:
		return false
	}
}
