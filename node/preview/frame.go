package preview

import (
	"bytes"
	"slices"
	"time"

	"github.com/depthnode/depthnode/node/pipeline"
	"github.com/depthnode/depthnode/node/stage"
	"github.com/depthnode/depthnode/stream"
)

// previewFrame copies f into a new stream.Frame. The stream keeps a pushed
// frame for as long as it is the one shown (the page's hover reads it) and
// never says when it lets go, so no buffer can safely be reused: each frame
// is allocated anew. That happens only while a viewer watches, at the
// model's frame rate. An output missing or of the wrong size is left nil
// (the stream then shows no tile, or a black metric tile).
func previewFrame(f *stage.FrameOutput) *stream.Frame {
	if f == nil || f.Image == nil {
		return nil
	}
	w, h := f.Image.Width, f.Image.Height
	n := w * h
	fr := &stream.Frame{Stamp: f.Header.Stamp, Width: w, Height: h}
	if n == 0 {
		return fr // the stream counts and refuses it
	}
	if len(f.Image.Pix) == 3*n {
		fr.RGB = bytes.Clone(f.Image.Pix)
	}
	if r := f.Result; r != nil && r.Width == w && r.Height == h {
		fr.Depth = cloneSized(r.Depth, n)
		fr.Normals = cloneSized(r.Normals, 3*n)
	}
	fr.Metric = cloneSized(f.Metric, n)
	return fr
}

// cloneSized copies s when it holds exactly n values, else returns nil.
func cloneSized(s []float32, n int) []float32 {
	if len(s) != n {
		return nil
	}
	return slices.Clone(s)
}

// liveStats fills the page's numbers from the node's counters and the
// frame's fit (LiDAR or floor, as f.FitSource says).
func (s *Stage) liveStats(f *stage.FrameOutput, now time.Time) stream.Stats {
	st := stream.Stats{Device: s.env.Device, Align: stream.Align{Enabled: s.env.Params.MetricOn(), Valid: f.Metric != nil}}
	if fit := f.Fit; f.Metric != nil && fit != nil {
		st.Align.Source, st.Align.Points = f.FitSource, fit.Points
		st.Align.Scale, st.Align.Shift = fit.Scale, fit.Shift
		st.Align.Inliers, st.Align.Residual = fit.Inliers, fit.ResidualRMS
	}
	if s.env.Stats == nil {
		return st
	}
	ns := s.env.Stats()
	st.InputFPS, st.OutputFPS = s.rates.update(ns.Received, ns.Published, now)
	st.ModelMs = float64(ns.Latency[pipeline.StageInfer].P50) / float64(time.Millisecond)
	st.Dropped = ns.Skipped
	return st
}
