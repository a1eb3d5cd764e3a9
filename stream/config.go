package stream

import (
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/pion/ice/v4"
)

// Config sets up a preview Server; zero values take the documented defaults.
type Config struct {
	// Addr is the HTTP listen address, e.g. ":8080"; ":0" picks a free port.
	Addr string
	// TileWidth is the width of each preview tile in pixels (even) [640].
	TileWidth int
	// Token, when set, is required by GET / and by /whep (?token= or Authorization: Bearer).
	Token string
	// ICEServers are extra STUN/TURN URLs; TURN credentials go in as turn:USER:PASS@host:port.
	ICEServers []string
	// BitrateKbps is the VP8 target bitrate [2000].
	BitrateKbps int
	// MetricMaxMetres is the far end of the metric depth colour scale [10].
	MetricMaxMetres float64
	// MaxViewers caps simultaneous viewers; more get 503 [16].
	MaxViewers int
	// ViewerTimeout is how long a viewer may be silent or unconnected before it is dropped [5s].
	ViewerTimeout time.Duration
	// Logger receives the component's log lines (component "stream"): viewers at INFO, the
	// rate-limited lines about refused requests and failing viewers at WARN; nil discards.
	Logger *slog.Logger
}

const (
	defaultAddr        = ":8080"
	defaultTileWidth   = 640
	defaultBitrateKbps = 2000
	defaultMetricMax   = 10
	defaultMaxViewers  = 16
	defaultViewerTO    = 5 * time.Second
	maxTileWidth       = 4096
)

// withDefaults returns c with zero values replaced by defaults.
func (c Config) withDefaults() Config {
	if c.TileWidth == 0 {
		c.TileWidth = defaultTileWidth
	}
	if c.BitrateKbps == 0 {
		c.BitrateKbps = defaultBitrateKbps
	}
	if c.MetricMaxMetres == 0 {
		c.MetricMaxMetres = defaultMetricMax
	}
	if c.MaxViewers == 0 {
		c.MaxViewers = defaultMaxViewers
	}
	if c.ViewerTimeout == 0 {
		c.ViewerTimeout = defaultViewerTO
	}
	return c
}

// Validate reports the first bad key, after defaults are applied.
func (c Config) Validate() error {
	c = c.withDefaults()
	switch {
	case c.Addr == "":
		return fmt.Errorf("%w: Addr is empty (the node disables the preview instead)", ErrConfig)
	case c.TileWidth < 16 || c.TileWidth > maxTileWidth || c.TileWidth%2 != 0:
		return fmt.Errorf("%w: TileWidth %d must be even and in [16, %d]", ErrConfig, c.TileWidth, maxTileWidth)
	case c.BitrateKbps < 50 || c.BitrateKbps > 100000:
		return fmt.Errorf("%w: BitrateKbps %d must be in [50, 100000]", ErrConfig, c.BitrateKbps)
	case !(c.MetricMaxMetres > 0):
		return fmt.Errorf("%w: MetricMaxMetres %v must be > 0", ErrConfig, c.MetricMaxMetres)
	case c.MaxViewers < 1:
		return fmt.Errorf("%w: MaxViewers %d must be >= 1", ErrConfig, c.MaxViewers)
	case c.ViewerTimeout < 100*time.Millisecond:
		return fmt.Errorf("%w: ViewerTimeout %v must be >= 100ms", ErrConfig, c.ViewerTimeout)
	}
	for i, u := range c.ICEServers {
		if _, err := parseICEServer(u); err != nil {
			return fmt.Errorf("%w: ICEServers[%d] %q: %v", ErrConfig, i, u, err)
		}
	}
	return nil
}

// iceServer is one parsed ICEServers entry.
type iceServer struct {
	url, username, credential string
}

// parseICEServer splits "turn:USER:PASS@host:port?..." into URL and credentials.
func parseICEServer(s string) (iceServer, error) {
	scheme, rest, ok := strings.Cut(s, ":")
	if !ok {
		return iceServer{}, fmt.Errorf("no scheme")
	}
	var srv iceServer
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		user, pass, ok := strings.Cut(rest[:at], ":")
		if !ok {
			return iceServer{}, fmt.Errorf("credentials must be USER:PASS@")
		}
		srv.username, srv.credential = user, pass
		rest = rest[at+1:]
	}
	srv.url = scheme + ":" + rest
	u, err := ice.ParseURL(srv.url)
	if err != nil {
		return iceServer{}, err
	}
	if (u.Scheme == ice.SchemeTypeTURN || u.Scheme == ice.SchemeTypeTURNS) && srv.username == "" {
		return iceServer{}, fmt.Errorf("TURN needs USER:PASS@")
	}
	return srv, nil
}
