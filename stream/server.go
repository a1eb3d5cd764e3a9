package stream

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/depthnode/depthnode/internal/ratelog"
	"github.com/pion/webrtc/v4"
)

// Server serves the preview page and WHEP viewers, and encodes pushed frames
// while at least one viewer is there.
type Server struct {
	cfg  Config
	log  *rateLog
	auth tokenCheck
	// throttle answers 429 to clients guessing the token.
	throttle *authThrottle
	// info limits the viewer joined/left lines, which anyone who can reach
	// the port (and knows the token) can cause.
	info *ratelog.Limiter
	ctr  counters
	live liveSettings

	ln   net.Listener
	http *http.Server
	api  *webrtc.API

	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}  // closed when run returns
	wg     sync.WaitGroup // viewer goroutines and closers

	mu      sync.Mutex
	closed  bool
	viewers map[string]*viewer
	pending *Frame // latest pushed frame not yet encoded
	count   atomic.Int32

	wake        chan struct{} // cap 1: a frame is pending or viewers changed
	handshakes  chan struct{} // counts WHEP offers being answered
	keyReq      atomic.Bool   // a viewer needs a key frame
	shown       atomic.Pointer[Frame]
	encoderOpen atomic.Bool // libvpx holds its buffers (tests watch it)
	httpDone    chan struct{}
}

// New validates cfg, listens on cfg.Addr at once and starts serving.
func New(cfg Config) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	api, err := newWebRTCAPI(cfg.ViewerTimeout)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("stream: listen on Addr %q: %w", cfg.Addr, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{
		cfg: cfg, log: newRateLog(cfg.Logger, 5*time.Second), auth: newTokenCheck(cfg.Token),
		throttle: newAuthThrottle(), info: newInfoLog(cfg.Logger),
		ln: ln, api: api, ctx: ctx, cancel: cancel,
		done: make(chan struct{}), viewers: map[string]*viewer{},
		wake: make(chan struct{}, 1), httpDone: make(chan struct{}),
		// Offers being answered hold a peer connection while ICE gathers,
		// before the viewer limit can count them, so they are bounded too.
		handshakes: make(chan struct{}, cfg.MaxViewers),
	}
	s.live.tileWidth.Store(int32(cfg.TileWidth))
	s.live.bitrateKbps.Store(int32(cfg.BitrateKbps))
	mux := http.NewServeMux()
	mux.HandleFunc("/", s.handlePage)
	mux.HandleFunc("/whep", s.handleWHEP)
	mux.HandleFunc("/whep/", s.handleSession)
	s.http = &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      20 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ErrorLog:          nil,
	}
	go s.run(ctx)
	go func() {
		defer close(s.httpDone)
		if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Printf("HTTP server stopped: %v", err)
		}
	}()
	s.log.Printf("preview on http://%s/ (tile width %d, %d kbit/s)", ln.Addr(), cfg.TileWidth, cfg.BitrateKbps)
	return s, nil
}

// Addr is the address the server listens on.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// Viewers is the number of WHEP sessions; build preview frames only when > 0.
func (s *Server) Viewers() int { return int(s.count.Load()) }

// Counters returns the running totals.
func (s *Server) Counters() Counters { return s.ctr.snapshot() }

// Push hands over the newest frame without blocking (see Frame for who owns
// its slices). A frame not yet encoded when the next arrives is dropped;
// with no viewer the frame is dropped at once.
func (s *Server) Push(f *Frame) {
	s.ctr.framesPushed.Add(1)
	if f == nil {
		return
	}
	if err := f.check(); err != nil {
		s.ctr.framesInvalid.Add(1)
		s.log.Limited("badframe", "frame dropped: %v", err)
		return
	}
	if s.Viewers() == 0 {
		s.ctr.framesIdle.Add(1)
		return
	}
	s.mu.Lock()
	old := s.pending
	s.pending = f
	s.mu.Unlock()
	if old != nil {
		s.ctr.framesReplaced.Add(1)
	}
	s.wakeRun()
}

// wakeRun tells run to look at the pending frame and the viewer count.
func (s *Server) wakeRun() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// takePending returns the pending frame, if any, and clears the slot.
func (s *Server) takePending() *Frame {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.pending
	s.pending = nil
	return f
}

// Close stops the HTTP server, hangs up every viewer, stops the encoder and
// waits for all of the server's goroutines.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return ErrClosed
	}
	s.closed = true
	vs := make([]*viewer, 0, len(s.viewers))
	for id, v := range s.viewers {
		vs = append(vs, v)
		delete(s.viewers, id)
	}
	s.count.Store(0)
	s.mu.Unlock()

	// Cancelling first ends handlers still waiting for ICE gathering.
	s.cancel()
	sctx, stop := context.WithTimeout(context.Background(), 3*time.Second)
	err := s.http.Shutdown(sctx)
	stop()
	if err != nil {
		err = s.http.Close()
	}
	<-s.httpDone
	for _, v := range vs {
		v.close()
		s.ctr.viewersLeft.Add(1)
	}
	<-s.done
	s.wg.Wait()
	return err
}
