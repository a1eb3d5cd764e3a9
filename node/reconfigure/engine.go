package reconfigure

import (
	"fmt"
	"sync"
	"sync/atomic"

	drmsg "github.com/depthnode/depthnode/node/reconfigure/dynamic_reconfigure"
)

// ApplyFunc applies an accepted change set (only values that differ from the
// current ones, already checked against type, range, enum and liveness) and
// returns the full configuration now in force. It must take all of changes
// or none: an error refuses the whole set and the old values stay. It runs
// with the server's request lock held: it may call Current (which returns
// the values before the change) but not Update.
type ApplyFunc func(changes map[string]any) (map[string]any, error)

// engine is the server without ROS: the current values and the one path that
// changes them. Its mutex serialises requests, Apply and publication, so
// updates go out in the order they were applied; readers load an immutable
// snapshot, so they never see half a change nor wait for a slow Apply.
type engine struct {
	mu sync.Mutex
	t  *table
	// current is replaced whole, under mu, and never modified in place.
	current atomic.Pointer[map[string]any]
	apply   ApplyFunc
	logf    func(format string, args ...any)
	// commit is called under the lock after each accepted change with the new
	// configuration and the values that changed (publish, parameter server).
	commit func(cfg drmsg.Config, changed map[string]any)
}

// newEngine starts from initial values (missing ones take the default).
func newEngine(t *table, initial map[string]any, apply ApplyFunc, logf func(string, ...any)) (*engine, error) {
	cur := t.defaults()
	for n, v := range initial {
		i, ok := t.byName[n]
		if !ok {
			return nil, fmt.Errorf("%w: initial value for unknown parameter %q", ErrBadParams, n)
		}
		x, err := coerce(t.params[i].Type, v)
		if err != nil {
			return nil, fmt.Errorf("%w: initial %s: %v", ErrBadParams, n, err)
		}
		cur[n] = x
	}
	if apply == nil {
		return nil, fmt.Errorf("%w: no Apply func", ErrBadParams)
	}
	if logf == nil {
		logf = func(string, ...any) {}
	}
	e := &engine{t: t, apply: apply, logf: logf, commit: func(drmsg.Config, map[string]any) {}}
	e.current.Store(&cur)
	return e, nil
}

// snapshot returns a copy of the current values without waiting for a request in progress.
func (e *engine) snapshot() map[string]any {
	return copyMap(*e.current.Load())
}

// config returns the current values as a Config message.
func (e *engine) config() drmsg.Config {
	return e.t.encode(*e.current.Load())
}

// reconfigure is the body of ~set_parameters: the response is always the
// whole configuration in force afterwards, the old one after a refusal.
func (e *engine) reconfigure(req drmsg.Config) drmsg.Config {
	e.mu.Lock()
	defer e.mu.Unlock()
	changes, err := decode(req)
	if err == nil {
		_, err = e.updateLocked(changes)
	}
	if err != nil {
		e.logf("dynamic_reconfigure: %v", err)
	}
	return e.t.encode(*e.current.Load())
}

// update checks and applies changes, returning the configuration in force
// afterwards; a refusal returns the old configuration and an ErrRefused.
func (e *engine) update(changes map[string]any) (map[string]any, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	cur, err := e.updateLocked(changes)
	if err != nil {
		e.logf("dynamic_reconfigure: %v", err)
	}
	return cur, err
}

func (e *engine) updateLocked(req map[string]any) (map[string]any, error) {
	cur := *e.current.Load()
	changes, err := e.t.check(cur, req)
	if err != nil {
		return copyMap(cur), err
	}
	if len(changes) == 0 {
		return copyMap(cur), nil
	}
	applied, err := e.apply(copyMap(changes))
	if err != nil {
		return copyMap(cur), fmt.Errorf("%w: %s: %v", ErrRefused, formatChanges(changes), err)
	}
	next, bad := e.t.merge(cur, changes, applied)
	for _, b := range bad {
		e.logf("dynamic_reconfigure: Apply returned a bad value, keeping the requested one: %s", b)
	}
	changed := map[string]any{}
	for n, v := range next {
		if v != cur[n] {
			changed[n] = v
		}
	}
	e.current.Store(&next)
	e.commit(e.t.encode(next), changed)
	return copyMap(next), nil
}

func copyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
