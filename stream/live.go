package stream

import (
	"fmt"
	"sync/atomic"
)

// liveSettings are the encoder settings that can change while the server runs; the encoding
// goroutine reads them once per frame.
type liveSettings struct {
	tileWidth   atomic.Int32
	bitrateKbps atomic.Int32
}

// SetBitrate changes the VP8 target bitrate from the next encoded frame (the encoder is
// restarted, so viewers get a key frame); out of [50, 100000] is refused.
func (s *Server) SetBitrate(kbps int) error {
	if kbps < 50 || kbps > 100000 {
		return fmt.Errorf("%w: BitrateKbps %d must be in [50, 100000]", ErrConfig, kbps)
	}
	s.live.bitrateKbps.Store(int32(kbps))
	return nil
}

// SetTileWidth changes the width of each tile from the next frame: the picture changes size,
// so the encoder restarts with a key frame and the page follows the layout each frame carries.
func (s *Server) SetTileWidth(w int) error {
	if w < 16 || w > maxTileWidth || w%2 != 0 {
		return fmt.Errorf("%w: TileWidth %d must be even and in [16, %d]", ErrConfig, w, maxTileWidth)
	}
	s.live.tileWidth.Store(int32(w))
	return nil
}

// Bitrate is the VP8 target bitrate in force, kbit/s.
func (s *Server) Bitrate() int { return int(s.live.bitrateKbps.Load()) }

// TileWidth is the tile width in force.
func (s *Server) TileWidth() int { return int(s.live.tileWidth.Load()) }
