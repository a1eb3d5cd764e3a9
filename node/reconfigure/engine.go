package reconfigure

import (
	"fmt"
	"sync"

	drmsg "github.com/depthnode/depthnode/node/reconfigure/dynamic_reconfigure"
)

// ApplyFunc applies an accepted change set (only values that differ from the
// current ones, already checked against type, range, enum and liveness) and
// returns the full configuration now in force. It must take all of changes
// or none: an error refuses the whole set and the old values stay.
type ApplyFunc func(changes map[string]any) (map[string]any, error)

// engine is the server without ROS: the current values and the one path that
// changes them. Its mutex serialises requests, Apply and publication, so
// updates go out in the order they were applied and readers never see half a change.
type engine struct {
	mu      sync.Mutex
	t       *table
	current map[string]any
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
	return &engine{t: t, current: cur, apply: apply, logf: logf, commit: func(drmsg.Config, map[string]any) {}}, nil
}

// snapshot returns a copy of the current values.
func (e *engine) snapshot() map[string]any {
	e.mu.Lock()
	defer e.mu.Unlock()
	return copyMap(e.current)
}

// config returns the current values as a Config message.
func (e *engine) config() drmsg.Config {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.t.encode(e.current)
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
	return e.t.encode(e.current)
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
	changes, err := e.t.check(e.current, req)
	if err != nil {
		return copyMap(e.current), err
	}
	if len(changes) == 0 {
		return copyMap(e.current), nil
	}
	applied, err := e.apply(copyMap(changes))
	if err != nil {
		return copyMap(e.current), fmt.Errorf("%w: %s: %v", ErrRefused, formatChanges(changes), err)
	}
	next, bad := e.t.merge(e.current, changes, applied)
	for _, b := range bad {
		e.logf("dynamic_reconfigure: Apply returned a bad value, keeping the requested one: %s", b)
	}
	changed := map[string]any{}
	for n, v := range next {
		if v != e.current[n] {
			changed[n] = v
		}
	}
	e.current = next
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
