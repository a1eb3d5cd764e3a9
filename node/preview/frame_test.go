package preview

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"

	"github.com/depthnode/depthnode/calib"
	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/node/params"
	"github.com/depthnode/depthnode/node/pipeline"
	"github.com/depthnode/depthnode/node/stage"
)

// seq is n values counting up from start, so a copy of the wrong part shows.
func seq(n int, start float32) []float32 {
	v := make([]float32, n)
	for i := range v {
		v[i] = start + float32(i)
	}
	return v
}

// TestPreviewFrame: the stream gets copies of exactly the outputs of the
// frame's size, so the node may reuse its buffers as soon as Consume returns.
func TestPreviewFrame(t *testing.T) {
	const w, h = 4, 3
	stamp := time.Unix(1234, 5678)
	full := func() *stage.FrameOutput {
		pix := make([]byte, 3*w*h)
		for i := range pix {
			pix[i] = byte(i)
		}
		return &stage.FrameOutput{
			Header: std_msgs.Header{Stamp: stamp, FrameId: "cam"},
			Image:  &inference.RGB{Width: w, Height: h, Pix: pix},
			Result: &inference.Result{Width: w, Height: h, Depth: seq(w*h, 0.5), Normals: seq(3*w*h, -1)},
			Metric: seq(w*h, 2),
		}
	}
	type has struct{ rgb, depth, normals, metric bool }
	for _, c := range []struct {
		name   string
		edit   func(f *stage.FrameOutput)
		want   has
		noneAt bool // previewFrame returns nil
	}{
		{name: "everything", edit: func(*stage.FrameOutput) {}, want: has{true, true, true, true}},
		{name: "no fit", edit: func(f *stage.FrameOutput) { f.Metric = nil }, want: has{true, true, true, false}},
		{name: "depth only", edit: func(f *stage.FrameOutput) { f.Result.Normals = f.Result.Normals[:0] }, want: has{true, true, false, true}},
		{name: "normals only", edit: func(f *stage.FrameOutput) { f.Result.Depth = nil; f.Metric = nil }, want: has{true, false, true, false}},
		{name: "result of another size", edit: func(f *stage.FrameOutput) { f.Result.Width = w + 1 }, want: has{true, false, false, true}},
		{name: "short metric", edit: func(f *stage.FrameOutput) { f.Metric = f.Metric[:w] }, want: has{true, true, true, false}},
		{name: "short image", edit: func(f *stage.FrameOutput) { f.Image.Pix = f.Image.Pix[:3] }, want: has{false, true, true, true}},
		{name: "no result", edit: func(f *stage.FrameOutput) { f.Result = nil }, want: has{true, false, false, true}},
		{name: "no image", edit: func(f *stage.FrameOutput) { f.Image = nil }, noneAt: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := full()
			c.edit(src)
			fr := previewFrame(src)
			if c.noneAt {
				if fr != nil {
					t.Fatalf("got a frame %+v", fr)
				}
				return
			}
			got := has{fr.RGB != nil, fr.Depth != nil, fr.Normals != nil, fr.Metric != nil}
			if got != c.want || fr.Width != w || fr.Height != h || !fr.Stamp.Equal(stamp) {
				t.Fatalf("frame %dx%d at %v with %+v, want %dx%d at %v with %+v", fr.Width, fr.Height, fr.Stamp, got, w, h, stamp, c.want)
			}
			want := full() // the same values, in buffers previewFrame never saw
			if got.rgb && !slices.Equal(fr.RGB, want.Image.Pix) ||
				got.depth && !slices.Equal(fr.Depth, want.Result.Depth) ||
				got.normals && !slices.Equal(fr.Normals, want.Result.Normals) ||
				got.metric && !slices.Equal(fr.Metric, want.Metric) {
				t.Fatal("copied values differ from the frame's")
			}
			// The node reuses its buffers for the next frame.
			if src.Image != nil {
				clear(src.Image.Pix)
			}
			if src.Result != nil {
				clear(src.Result.Depth)
				clear(src.Result.Normals)
			}
			clear(src.Metric)
			if got.rgb && !slices.Equal(fr.RGB, want.Image.Pix) ||
				got.depth && !slices.Equal(fr.Depth, want.Result.Depth) ||
				got.normals && !slices.Equal(fr.Normals, want.Result.Normals) ||
				got.metric && !slices.Equal(fr.Metric, want.Metric) {
				t.Fatal("the pushed frame shares a buffer with the node")
			}
		})
	}
}

// TestPreviewLiveStats: the page's numbers come from the node's counters,
// and "valid" follows whether the metric stage left metric depth.
func TestPreviewLiveStats(t *testing.T) {
	t0 := time.Unix(100, 0)
	snap := pipeline.Stats{Received: 10, Published: 4, Skipped: 3,
		Latency: map[string]pipeline.Quantiles{pipeline.StageInfer: {P50: 25 * time.Millisecond, P95: 90 * time.Millisecond, N: 4}}}
	p := params.Defaults()
	p.Align = true
	s := &Stage{env: stage.Env{Params: p, Device: "cuda:0", Stats: func() pipeline.Stats { return snap }}}
	f := &stage.FrameOutput{}
	st := s.liveStats(f, t0)
	if st.Device != "cuda:0" || st.ModelMs != 25 || st.Dropped != 3 || st.InputFPS != 0 || !st.Align.Enabled || st.Align.Valid {
		t.Fatalf("first stats %+v", st)
	}
	snap.Received, snap.Published = 40, 19
	f.Metric = []float32{1}
	f.Fit = &calib.Report{ScaleShift: calib.ScaleShift{Scale: 6.5, Shift: 1.25}, Inliers: 321, ResidualRMS: 0.04}
	st = s.liveStats(f, t0.Add(1500*time.Millisecond))
	if math.Abs(st.InputFPS-20) > 1e-9 || math.Abs(st.OutputFPS-10) > 1e-9 || !st.Align.Valid {
		t.Fatalf("stats after 1.5 s: %+v, want 20 and 10 fps with a fit", st)
	}
	if a := st.Align; a.Scale != 6.5 || a.Shift != 1.25 || a.Inliers != 321 || a.Residual != 0.04 {
		t.Fatalf("alignment on the page %+v, want the frame's fit", a)
	}
}

// BenchmarkPreviewFrame is the output goroutine's cost per frame while a
// viewer watches: copying a 640x480 frame with every output.
func BenchmarkPreviewFrame(b *testing.B) {
	const w, h = 640, 480
	f := &stage.FrameOutput{
		Image:  &inference.RGB{Width: w, Height: h, Pix: make([]byte, 3*w*h)},
		Result: &inference.Result{Width: w, Height: h, Depth: seq(w*h, 0), Normals: seq(3*w*h, 0)},
		Metric: seq(w*h, 0),
	}
	b.SetBytes(int64(3*w*h + 4*5*w*h))
	for b.Loop() {
		if previewFrame(f) == nil {
			b.Fatal("no frame")
		}
	}
}
