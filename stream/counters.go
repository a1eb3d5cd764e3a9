package stream

import "sync/atomic"

// Counters are running totals since New, for tests and diagnostics.
type Counters struct {
	FramesPushed   uint64 // Push calls
	FramesIdle     uint64 // pushed while nobody watched, dropped at once
	FramesReplaced uint64 // replaced by a newer frame before encoding
	FramesInvalid  uint64 // refused by Frame size checks
	FramesEncoded  uint64 // VP8 frames produced
	KeyFrames      uint64 // of which key frames
	BadRequests    uint64 // 4xx answers other than 401
	Unauthorized   uint64 // 401 answers
	Throttled      uint64 // 429 answers to clients that sent too many wrong tokens
	ViewersJoined  uint64 // WHEP sessions created
	ViewersLeft    uint64 // WHEP sessions freed
}

// counters is the live, atomically updated form of Counters.
type counters struct {
	framesPushed, framesIdle, framesReplaced, framesInvalid atomic.Uint64
	framesEncoded, keyFrames, badRequests, unauthorized     atomic.Uint64
	throttled                                               atomic.Uint64
	viewersJoined, viewersLeft                              atomic.Uint64
}

func (c *counters) snapshot() Counters {
	return Counters{
		FramesPushed: c.framesPushed.Load(), FramesIdle: c.framesIdle.Load(),
		FramesReplaced: c.framesReplaced.Load(), FramesInvalid: c.framesInvalid.Load(),
		FramesEncoded: c.framesEncoded.Load(), KeyFrames: c.keyFrames.Load(),
		BadRequests: c.badRequests.Load(), Unauthorized: c.unauthorized.Load(), Throttled: c.throttled.Load(),
		ViewersJoined: c.viewersJoined.Load(), ViewersLeft: c.viewersLeft.Load(),
	}
}
