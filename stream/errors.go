package stream

import "errors"

// ErrConfig is wrapped by every Config.Validate error.
var ErrConfig = errors.New("stream: invalid config")

// ErrClosed is returned by operations on a closed Server.
var ErrClosed = errors.New("stream: server closed")

// ErrBadFrame is wrapped when a pushed Frame's sizes do not agree.
var ErrBadFrame = errors.New("stream: bad frame")

// errBadOffer is wrapped when a WHEP offer cannot be answered.
var errBadOffer = errors.New("bad offer")
