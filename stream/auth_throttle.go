package stream

import (
	"net"
	"sync"
	"time"
)

const (
	// maxTokenFailures is how many wrong tokens one client IP may send per
	// authWindow before it is answered 429: enough for a page and its
	// retries with a mistyped token, far too few to guess one by brute force
	// (10 a second instead of the thousands the server can answer).
	maxTokenFailures = 10
	authWindow       = time.Second
	// maxThrottledIPs caps the per-IP table; clients beyond it share one
	// entry, so many source addresses cannot grow memory, only throttle
	// each other.
	maxThrottledIPs = 1024
)

// authThrottle counts wrong tokens per client IP in fixed windows.
type authThrottle struct {
	now func() time.Time // the clock; tests replace it

	mu  sync.Mutex
	ips map[string]*authWindowCount
}

type authWindowCount struct {
	start    time.Time
	failures int
}

func newAuthThrottle() *authThrottle {
	return &authThrottle{now: time.Now, ips: map[string]*authWindowCount{}}
}

// clientIP is the host part of a request's RemoteAddr (the TCP peer; a
// proxy's forwarded headers are not trusted).
func clientIP(remoteAddr string) string {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		return remoteAddr
	}
	return host
}

// blocked reports whether ip has used up its failures in the current
// window, and if so how long until the window ends.
func (a *authThrottle) blocked(ip string) (bool, time.Duration) {
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	e := a.entry(ip, now, false)
	if e == nil || e.failures < maxTokenFailures {
		return false, 0
	}
	return true, e.start.Add(authWindow).Sub(now)
}

// fail records a wrong token from ip.
func (a *authThrottle) fail(ip string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.entry(ip, a.now(), true).failures++
}

// overflowIP is the shared entry of clients that find the table full.
const overflowIP = ""

// entry returns ip's count for the window containing now, starting a new
// window when the old one has ended; create adds a missing entry.
func (a *authThrottle) entry(ip string, now time.Time, create bool) *authWindowCount {
	if _, ok := a.ips[ip]; !ok && len(a.ips) >= maxThrottledIPs {
		a.sweep(now)
		if len(a.ips) >= maxThrottledIPs {
			ip = overflowIP
		}
	}
	e := a.ips[ip]
	switch {
	case e == nil && !create:
		return nil
	case e == nil:
		e = &authWindowCount{start: now}
		a.ips[ip] = e
	case now.Sub(e.start) >= authWindow:
		e.start, e.failures = now, 0
	}
	return e
}

// sweep forgets clients whose window has ended.
func (a *authThrottle) sweep(now time.Time) {
	for ip, e := range a.ips {
		if now.Sub(e.start) >= authWindow {
			delete(a.ips, ip)
		}
	}
}
