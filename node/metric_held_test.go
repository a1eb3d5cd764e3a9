package node

import (
	"sync"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/internal/rostest"
	"github.com/depthnode/depthnode/node/internal/nodetest"
	"github.com/depthnode/depthnode/node/metric"
)

// metricRecorder is a stage after the metric stage: it sees FrameOutput.Metric
// as the preview does, and keeps, per image stamp, how many frames came with
// and without it and a copy of the first metric image.
type metricRecorder struct {
	mu      sync.Mutex
	with    map[time.Time]int
	without map[time.Time]int
	first   map[time.Time][]float32
}

func newMetricRecorder() *metricRecorder {
	return &metricRecorder{with: map[time.Time]int{}, without: map[time.Time]int{}, first: map[time.Time][]float32{}}
}

func (r *metricRecorder) factory(StageEnv) (Stage, error) { return r, nil }

func (r *metricRecorder) Wants() inference.Tasks { return inference.Tasks{} }

func (r *metricRecorder) Consume(f *FrameOutput) {
	r.mu.Lock()
	defer r.mu.Unlock()
	k := f.Header.Stamp.UTC()
	if f.Metric == nil {
		r.without[k]++
		return
	}
	r.with[k]++
	if r.first[k] == nil {
		r.first[k] = append([]float32(nil), f.Metric...) // f is reused after Consume
	}
}

func (r *metricRecorder) counts(stamp time.Time) (with, without int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.with[stamp.UTC()], r.without[stamp.UTC()]
}

func (r *metricRecorder) metric(stamp time.Time) []float32 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.first[stamp.UTC()]
}

func (r *metricRecorder) Diagnostics() []diagnostic_msgs.DiagnosticStatus { return nil }

func (r *metricRecorder) Close() error { return nil }

// TestMetricHeldFitExpires: frames with no cloud within the slop keep the
// last fit while it is younger than ~align_max_age (in image stamps), with
// FrameOutput.Metric equal to what depth/metric carries, and get no metric
// depth once it is older.
func TestMetricHeldFitExpires(t *testing.T) {
	s := nodetest.NewMetric(t)
	m := rostest.StartMaster(t)
	rec := newMetricRecorder()
	_, st, _ := startMetricNodeWith(t, m, []StageFactory{rec.factory},
		"_lidar_to_camera:="+s.PoseParam(), "_align_max_age:=1.0", "_align_sync_slop:=0.05")
	peer := newPeer(t, m)
	out := subscribe[sensor_msgs.Image](t, peer, "/depth/metric")
	t0 := time.Unix(1700000500, 0)
	keepPublishing(t, publisher[sensor_msgs.CameraInfo](t, peer, "/camera_info"), s.CameraInfo())
	keepPublishing(t, publisher[sensor_msgs.PointCloud2](t, peer, "/points"), s.CloudMsg(t0)) // the only cloud
	images := publisher[sensor_msgs.Image](t, peer, "/image")

	// A fit at t0, then the same view 0.5 s later: no cloud near, fit held.
	first := untilOutput(t, images, s.Image(t0), out, t0)
	held := t0.Add(500 * time.Millisecond)
	got := untilOutput(t, images, s.Image(held), out, held)
	if a, b := floats(t, first), floats(t, got); !sameFloats(a, b) {
		t.Fatal("the held fit gave another metric image for the same view")
	}
	if w, _ := rec.counts(held); w == 0 || !sameFloats(rec.metric(held), floats(t, got)) {
		t.Fatalf("FrameOutput.Metric at %v: %d frames, equal to depth/metric: %v", held, w, sameFloats(rec.metric(held), floats(t, got)))
	}
	if st.Snapshot().Refused[metric.ReasonNoCloud] == 0 {
		t.Fatal("frames without a cloud not counted")
	}

	// 2 s after the fit: past ~align_max_age, no metric depth at all.
	late := t0.Add(2 * time.Second)
	untilCounted(t, images, s.Image(late), func() uint64 {
		if with, without := rec.counts(late); with+without >= 3 {
			return 1
		}
		return 0
	})
	if with, _ := rec.counts(late); with != 0 {
		t.Fatalf("%d frames %v after the last fit still had metric depth (max age 1 s)", with, late.Sub(t0))
	}
	if sn := st.Snapshot(); sn.LastFit {
		t.Fatalf("stage still reports a fit: %+v", sn)
	}
}

func sameFloats(a, b []float32) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !(a[i] != a[i] && b[i] != b[i]) { // NaN equals NaN here
			return false
		}
	}
	return true
}
