package preview

import (
	"errors"
	"fmt"
	"net"
	"os"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"

	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/internal/logging"
	"github.com/depthnode/depthnode/node/params"
	"github.com/depthnode/depthnode/node/stage"
	"github.com/depthnode/depthnode/stream"
)

// Stage serves the browser preview (package stream) from the node's
// finished frames. It costs nothing while nobody watches: it wants no model
// output and copies no frame until a WHEP viewer is connected.
type Stage struct {
	env   stage.Env
	name  string         // DiagnosticStatus name
	srv   *stream.Server // nil when the preview could not start
	err   error          // why srv is nil
	url   string         // what a user opens, for the log and diagnostics
	rates previewRates   // used by Consume only (the output goroutine)
	cams  mosaic         // the cameras' latest frames, with several cameras (Consume only)
}

// New starts the preview on ~preview_addr, or returns (nil,
// nil) when it is "". A bad setting fails the node's start; an address that
// cannot be listened on (port taken) only disables the preview, with one log
// line and a WARN in /diagnostics, because depth for ROS matters more than
// the picture in a browser.
func New(env stage.Env) (stage.Stage, error) {
	p := env.Params
	if p.PreviewAddr == "" {
		return nil, nil
	}
	log := logging.Component(env.Log, "preview")
	s := &Stage{env: env, name: previewStatusName(env), url: p.PreviewAddr}
	srv, err := stream.New(stream.Config{
		Addr:        p.PreviewAddr,
		TileWidth:   p.PreviewWidth,
		Token:       p.PreviewToken,
		ICEServers:  params.ICEServerList(p.PreviewICEServers),
		BitrateKbps: p.PreviewBitrate,
		Logger:      env.Log,
	})
	if errors.Is(err, stream.ErrConfig) {
		// Params.Validate checks the same bounds, so this is a bug, not input.
		return nil, fmt.Errorf("%w ~preview_*: %v", params.ErrBadParam, err)
	}
	if err != nil {
		s.err = err
		log.Warn(fmt.Sprintf("preview disabled: cannot serve ~preview_addr %q: %v (the node runs on without it; "+
			"set another port, or \"\" to turn the preview off)", p.PreviewAddr, err))
		return s, nil
	}
	s.srv = srv
	s.url = previewURL(srv.Addr())
	note := ""
	if p.PreviewToken != "" {
		note = "; add ?token=<~preview_token>"
	}
	log.Info(fmt.Sprintf("preview at %s (tile width %d, %d kbit/s%s)", s.url, p.PreviewWidth, p.PreviewBitrate, note))
	return s, nil
}

// previewStatusName is "/ns/node: preview", beside the node's own status.
func previewStatusName(env stage.Env) string {
	if env.Node == "" {
		return "preview"
	}
	return env.StatusName("preview")
}

// previewURL is the address to open in a browser: a wildcard listen address
// (":8080") is shown with this machine's host name.
func previewURL(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return "http://" + a.String() + "/"
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		if h, err := os.Hostname(); err == nil && h != "" {
			host = h
		}
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// Wants asks for depth and normals while someone watches, so the browser
// gets them even when no ROS topic is read.
func (s *Stage) Wants() inference.Tasks {
	if s.srv == nil || s.srv.Viewers() == 0 {
		return inference.Tasks{}
	}
	return inference.Tasks{Depth: true, Normals: true}
}

// Consume copies the frame for the stream, which owns the copy from Push on.
func (s *Stage) Consume(f *stage.FrameOutput) {
	if s.srv == nil || s.srv.Viewers() == 0 {
		return
	}
	fr := previewFrame(f)
	if fr == nil {
		return
	}
	fr.Stats = s.liveStats(f, time.Now())
	if f.Cameras > 1 {
		fr = s.cams.add(f.Camera, fr)
	}
	s.srv.Push(fr) // never blocks: the stream keeps only the newest frame
}

// Close stops the HTTP server, hangs up the viewers and stops the encoder.
func (s *Stage) Close() error {
	if s.srv == nil {
		return nil
	}
	if err := s.srv.Close(); err != nil && !errors.Is(err, stream.ErrClosed) {
		return fmt.Errorf("preview: %w", err)
	}
	return nil
}

// Diagnostics reports the address, the viewers and the stream's counters.
func (s *Stage) Diagnostics() []diagnostic_msgs.DiagnosticStatus {
	st := diagnostic_msgs.DiagnosticStatus{Level: diagnostic_msgs.DiagnosticStatus_OK, Name: s.name, HardwareId: s.env.Device}
	kv := func(k string, v any) {
		st.Values = append(st.Values, diagnostic_msgs.KeyValue{Key: k, Value: fmt.Sprint(v)})
	}
	kv("address", s.url)
	if s.srv == nil {
		st.Level = diagnostic_msgs.DiagnosticStatus_WARN
		st.Message = "not serving: " + s.err.Error()
		return []diagnostic_msgs.DiagnosticStatus{st}
	}
	c := s.srv.Counters()
	n := s.srv.Viewers()
	st.Message = fmt.Sprintf("%d watching", n)
	kv("viewers", n)
	kv("viewers joined", c.ViewersJoined)
	kv("viewers left", c.ViewersLeft)
	kv("frames pushed", c.FramesPushed)
	kv("frames encoded", c.FramesEncoded)
	kv("key frames", c.KeyFrames)
	kv("frames dropped (newer frame waiting)", c.FramesReplaced)
	kv("frames dropped (no viewer)", c.FramesIdle)
	kv("frames refused (bad size)", c.FramesInvalid)
	kv("bad requests", c.BadRequests)
	kv("unauthorized requests", c.Unauthorized)
	return []diagnostic_msgs.DiagnosticStatus{st}
}

// Declared is the preview stage as the node lists it: after the metric stage, whose
// FrameOutput.Metric it shows.
var Declared = stage.Declared{Name: "preview", After: []string{"metric"}, New: New, Shared: true}

// Server is the running preview server, nil when the preview could not start.
func (s *Stage) Server() *stream.Server { return s.srv }
