package stream

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/depthnode/depthnode/internal/logging"
	"github.com/depthnode/depthnode/stream/streamtest"
)

// lineLog records each Printf as one line.
type lineLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *lineLog) Printf(format string, args ...any) {
	l.mu.Lock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
	l.mu.Unlock()
}

func (l *lineLog) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.lines...)
}

// fakeClock is a settable clock safe to read from handler goroutines.
type fakeClock struct{ ns atomic.Int64 }

func (c *fakeClock) now() time.Time          { return time.Unix(0, c.ns.Load()) }
func (c *fakeClock) advance(d time.Duration) { c.ns.Add(int64(d)) }
func newFakeClock() *fakeClock {
	c := &fakeClock{}
	c.ns.Store(time.Unix(1000, 0).UnixNano())
	return c
}
func fromIP(ip string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	return &http.Client{Transport: &http.Transport{
		DialContext:       func(ctx context.Context, n, a string) (net.Conn, error) { return d.DialContext(ctx, n, a) },
		DisableKeepAlives: true,
	}}
}

func TestRequestTextCannotForgeLogLines(t *testing.T) {
	out := &lineLog{}
	_, base := startServer(t, Config{Token: "tok", Logger: logging.Printf(out.Printf)})
	for _, path := range []string{
		"/x%0a[stream]%20viewer%20deadbeef%20joined%20from%2010.0.0.1",
		"/x%0d%0aFORGED",
		"/whep/%0aFORGED",
		"/" + strings.Repeat("%0aFORGED", 2000),
	} {
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
	}
	res, err := http.Post(base+"/whep?token=tok", "application/sdp", strings.NewReader("v=0\nFORGED line\n"))
	mustStatus(t, res, err, http.StatusBadRequest)
	for _, l := range out.all() {
		if strings.ContainsAny(l, "\r\n") || strings.HasPrefix(l, "FORGED") || len(l) > 1000 {
			t.Errorf("log line %q: request text not escaped or not bounded", l)
		}
	}
}

func TestLogTextQuotesAndBounds(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/", `"/"`},
		{"/a\nb", `"/a\nb"`},
		{"\x00\xff", `"\x00\xff"`},
		{strings.Repeat("é", 100), strconv.Quote(strings.Repeat("é", 64)) + "..."},
	} {
		if got := logText(tc.in); got != tc.want {
			t.Errorf("logText(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestWrongTokensAreThrottled(t *testing.T) {
	s, base := startServer(t, Config{Token: "s3cret"})
	clk := newFakeClock()
	s.throttle.now = clk.now
	get := func(c *http.Client, token string) *http.Response {
		t.Helper()
		res, err := c.Get(base + "/?token=" + token)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	a := fromIP("127.0.0.1")
	for i := 0; i < maxTokenFailures; i++ {
		if res := get(a, "guess"+strconv.Itoa(i)); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("guess %d: status %d, want 401", i, res.StatusCode)
		}
	}
	for _, tok := range []string{"guess", "s3cret"} { // over the limit even the right token waits
		res := get(a, tok)
		if ra, _ := strconv.Atoi(res.Header.Get("Retry-After")); res.StatusCode != http.StatusTooManyRequests || ra < 1 {
			t.Fatalf("token %q after %d failures: status %d Retry-After %q, want 429", tok, maxTokenFailures, res.StatusCode, res.Header.Get("Retry-After"))
		}
	}
	if c := s.Counters(); c.Throttled != 2 || c.Unauthorized != maxTokenFailures {
		t.Errorf("counters %+v, want Throttled 2, Unauthorized %d", c, maxTokenFailures)
	}
	if res := get(fromIP("127.0.0.2"), "s3cret"); res.StatusCode != http.StatusOK {
		t.Errorf("right token from another IP: %d", res.StatusCode)
	}
	clk.advance(authWindow)
	if res := get(a, "s3cret"); res.StatusCode != http.StatusOK {
		t.Errorf("right token after the window: %d", res.StatusCode)
	}
}

func TestAuthThrottleTableIsBounded(t *testing.T) {
	a := newAuthThrottle()
	clk := newFakeClock()
	a.now = clk.now
	for i := 0; i < 4*maxThrottledIPs; i++ {
		ip := fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255)
		for k := 0; k < maxTokenFailures; k++ {
			a.fail(ip)
		}
	}
	if n := len(a.ips); n > maxThrottledIPs+1 {
		t.Fatalf("%d entries, cap %d", n, maxThrottledIPs)
	}
	// Clients beyond the table share the overflow entry, which is throttled too.
	if blocked, _ := a.blocked("192.0.2.1"); !blocked {
		t.Error("a client beyond a full table of attackers is not throttled")
	}
	clk.advance(authWindow)
	if blocked, _ := a.blocked("192.0.2.1"); blocked {
		t.Error("still throttled after the window")
	}
	a.fail("192.0.2.1") // a full table of expired entries is swept
	if n := len(a.ips); n != 1 {
		t.Errorf("%d entries after the sweep, want 1", n)
	}
}

func TestViewerJoinLinesAreLimited(t *testing.T) {
	out := &lineLog{}
	s, base := startServer(t, Config{Logger: logging.Printf(out.Printf)})
	clk := newFakeClock()
	s.info.Now = clk.now
	for i := 0; i < 3; i++ {
		streamtest.Dial(t, base, "")
	}
	waitFor(t, "three viewers", func() bool { return s.Viewers() == 3 })
	joined := 0
	for _, l := range out.all() {
		if strings.Contains(l, " joined from ") {
			joined++
		}
	}
	if joined != 1 {
		t.Errorf("%d joined lines within one period, want 1: %q", joined, out.all())
	}
}
