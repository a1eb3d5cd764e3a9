package params

import "sync/atomic"

// Live holds the parameters in force now. The node starts it with the loaded parameters;
// dynamic_reconfigure replaces them whole (validated first), and every consumer of a live
// parameter reads Get once per frame, so a change takes effect at the next frame and is never
// seen half-applied.
type Live struct{ p atomic.Pointer[Params] }

// NewLive holds p.
func NewLive(p Params) *Live {
	l := &Live{}
	l.p.Store(&p)
	return l
}

// Get returns the parameters in force.
func (l *Live) Get() Params { return *l.p.Load() }

// Set replaces the parameters in force; the caller has validated p.
func (l *Live) Set(p Params) { l.p.Store(&p) }
