package stream

import (
	"encoding/json"
	"math"
	"time"
)

// Data channel messages, JSON, one per message; "t" names the kind.
// Server to page: "frame" (with every encoded frame, sent before its video
// packets), "pong", "hover". Page to server: "ping", "hover".

// frameMsg ties a video frame (by its RTP timestamp) to its input stamp.
type frameMsg struct {
	T         string  `json:"t"`
	RTP       uint32  `json:"rtp"`
	Stamp     float64 `json:"stamp"` // input stamp, Unix ms
	Sent      float64 `json:"sent"`  // when the server sent the frame, Unix ms
	EncodeMs  float64 `json:"encode_ms"`
	Key       bool    `json:"key"`
	Layout    Layout  `json:"layout"`
	MetricMax float64 `json:"metric_max"` // metres at the far end of the metric colours
	Stats     Stats   `json:"stats"`
	Viewers   int     `json:"viewers"`
	Replaced  uint64  `json:"preview_dropped"`
}

// clientMsg is anything the page sends.
type clientMsg struct {
	T string  `json:"t"`
	C float64 `json:"c"` // ping: the page's clock, ms
	U float64 `json:"u"` // hover: position in the tile, [0,1]
	V float64 `json:"v"`
}

// pongMsg answers a ping so the page can estimate the clock offset.
type pongMsg struct {
	T string  `json:"t"`
	C float64 `json:"c"`
	S float64 `json:"s"` // server clock, Unix ms
}

// hoverMsg answers a hover with the depth under the pointer.
type hoverMsg struct {
	T      string   `json:"t"`
	X      int      `json:"x"`
	Y      int      `json:"y"`
	Rel    *float64 `json:"rel"`    // null without depth or where NaN
	Metric *float64 `json:"metric"` // metres; null without a fit or where invalid
}

func unixMs(t time.Time) float64 {
	if t.IsZero() {
		return 0
	}
	return float64(t.UnixNano()) / 1e6
}

// finite makes a value JSON-safe: encoding/json refuses NaN and Inf.
func finite(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

// optional is v, or nil (JSON null) when v is not a finite number.
func optional(v float32) *float64 {
	f := float64(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return &f
}

func (st Stats) sanitized() Stats {
	st.InputFPS, st.OutputFPS, st.ModelMs = finite(st.InputFPS), finite(st.OutputFPS), finite(st.ModelMs)
	st.Align.Scale, st.Align.Shift, st.Align.Residual = finite(st.Align.Scale), finite(st.Align.Shift), finite(st.Align.Residual)
	return st
}

// hoverAt samples f at a position given as fractions of the image.
func hoverAt(f *Frame, u, v float64) hoverMsg {
	m := hoverMsg{T: "hover"}
	if f == nil || math.IsNaN(u) || math.IsNaN(v) {
		return m
	}
	m.X = min(max(int(u*float64(f.Width)), 0), f.Width-1)
	m.Y = min(max(int(v*float64(f.Height)), 0), f.Height-1)
	i := m.Y*f.Width + m.X
	if f.Depth != nil {
		m.Rel = optional(f.Depth[i])
	}
	if f.Metric != nil {
		m.Metric = optional(f.Metric[i])
	}
	return m
}

// encode marshals a message; nil (nothing to send) if it cannot, which the
// sanitising above rules out for every message this package builds.
func encode(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return b
}
