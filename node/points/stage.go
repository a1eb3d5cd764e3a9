package points

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/cloud"
	"github.com/depthnode/depthnode/depthcodec"
	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/internal/logging"
	"github.com/depthnode/depthnode/internal/ratelog"
	"github.com/depthnode/depthnode/node/bus"
	"github.com/depthnode/depthnode/node/metric"
	"github.com/depthnode/depthnode/node/params"
	"github.com/depthnode/depthnode/node/stage"
)

// Output topics, relative to the node's namespace. The compressed depth sits on
// image_transport's name for depth/metric's compressedDepth transport, so `republish` and
// rviz find it.
const (
	Topic           = "depth/points"
	CompressedTopic = metric.Topic + "/compressedDepth"
)

// Stage publishes depth/points and depth/metric/compressedDepth from FrameOutput.Metric.
//
// The compressed depth lives here rather than in the metric stage because it is a consumer of
// metric depth, like the cloud, whoever produced it: any stage that fills FrameOutput.Metric
// before this one gets both outputs without code of its own.
type Stage struct {
	live       *params.Live
	subs       *bus.Subscribers
	log        *ratelog.Limiter
	self       string
	topic      string
	compressed string
	infoTopic  string
	pub        *goroslib.Publisher
	depthPub   *goroslib.Publisher

	// Owned by the output goroutine (Consume).
	builder *cloud.Builder
	enc     depthcodec.Encoder

	mu sync.Mutex
	st Stats
}

// New starts the stage; nil, nil when no stage can make metric depth (see metricSource).
func New(env stage.Env) (stage.Stage, error) {
	p := env.Params
	if !metricSource(p) {
		return nil, nil
	}
	b, err := cloud.NewBuilder(cloudOptions(p))
	if err != nil {
		return nil, fmt.Errorf("%w ~%v", params.ErrBadParam, err)
	}
	live := env.Live
	if live == nil {
		live = params.NewLive(p)
	}
	s := &Stage{
		live:       live,
		subs:       env.Subscribers,
		log:        ratelog.New(logging.Component(env.Log, "points"), badInputLogPeriod),
		self:       strings.TrimSuffix(env.Resolve("~"), "/"),
		topic:      env.Resolve(Topic),
		compressed: env.Resolve(metric.Topic) + "/compressedDepth", // image_transport appends to the resolved base
		infoTopic:  env.Resolve("camera_info"),
		builder:    b,
		st:         Stats{Refused: map[string]uint64{}},
	}
	if s.pub, err = goroslib.NewPublisher(goroslib.PublisherConf{Node: env.ROS, Topic: s.topic, Msg: &sensor_msgs.PointCloud2{}}); err != nil {
		return nil, fmt.Errorf("advertise %s: %w", s.topic, err)
	}
	if s.depthPub, err = goroslib.NewPublisher(goroslib.PublisherConf{Node: env.ROS, Topic: s.compressed, Msg: &sensor_msgs.CompressedImage{}}); err != nil {
		s.pub.Close()
		return nil, fmt.Errorf("advertise %s: %w", s.compressed, err)
	}
	return s, nil
}

// Wants asks for depth while either output is read, and for normals while the cloud is (the
// node computes only what its models provide, so without a normals model this asks nothing).
func (s *Stage) Wants() inference.Tasks {
	points := s.subs.Reads(s.topic)
	return inference.Tasks{Depth: points || s.subs.Reads(s.compressed), Normals: points}
}

// Consume publishes the frame's cloud and compressed depth to whichever has a reader.
func (s *Stage) Consume(f *stage.FrameOutput) {
	points, depth := s.subs.Reads(s.topic), s.subs.Reads(s.compressed)
	r := f.Result
	if !points && !depth || r == nil || r.Width <= 0 || r.Height <= 0 || len(r.Depth) != r.Width*r.Height {
		return // nobody reads, or depth was not computed for this frame
	}
	w, h := r.Width, r.Height
	p := s.live.Get()
	var k cloud.Intrinsics
	if points {
		var reason string
		var err error
		// Checked before the metric depth: an unusable camera_info also stops the metric fit,
		// and the reader of depth/points should hear about it here too.
		if k, reason, err = intrinsics(f.CameraInfo, w, h); err != nil {
			points = false
			s.count(func(st *Stats) { st.Refused[reason]++; st.LastReason = reason })
			s.log.Printf(reason, "depth/points: no cloud: %v (camera_info on %s)", err, s.infoTopic)
		}
	}
	if len(f.Metric) != w*h {
		s.count(func(st *Stats) {
			st.NoMetric++
			if points {
				st.LastReason = "no metric depth"
			}
		})
		return
	}
	if points {
		s.publishCloud(f, p, k)
	}
	if depth {
		s.publishDepth(f, p, w, h)
	}
}

// publishCloud builds and publishes the cloud. Build gets a nil buffer, so each cloud is a
// fresh allocation: Publisher.Write only queues the message, and goroslib serialises it later
// on each subscriber's goroutine, with no signal when it is done, so no buffer handed to it can
// safely be written again.
func (s *Stage) publishCloud(f *stage.FrameOutput, p params.Params, k cloud.Intrinsics) {
	w, h := f.Result.Width, f.Result.Height
	if o := cloudOptions(p); o != s.builder.Options() {
		b, err := cloud.NewBuilder(o)
		if err != nil { // params.Live holds validated parameters, so this is a bug
			s.count(func(st *Stats) { st.Errors++ })
			s.log.Printf("options", "depth/points: %v", err)
			return
		}
		s.builder = b
	}
	in := &cloud.Input{Width: w, Height: h, Depth: f.Metric, Intrinsics: k}
	if img := f.Image; img != nil && img.Width == w && img.Height == h && len(img.Pix) == 3*w*h {
		in.RGB = img.Pix
	}
	if n := f.Result.Normals; len(n) == 3*w*h {
		in.Normals = n
	}
	c, rep, err := s.builder.Build(nil, in)
	if err != nil {
		s.count(func(st *Stats) { st.Errors++ })
		s.log.Printf("build", "depth/points: %v", err)
		return
	}
	s.pub.Write(cloudMsg(f.Header, c))
	s.count(func(st *Stats) { st.add(rep) })
}

// publishDepth encodes the metric depth as compressedDepth PNG into a fresh buffer (for the
// reason publishCloud gives).
func (s *Stage) publishDepth(f *stage.FrameOutput, p params.Params, w, h int) {
	data, err := s.enc.Encode(f.Metric, w, h, p.CompressedDepthMax, p.CompressedDepthQuantization, nil)
	if err != nil {
		s.count(func(st *Stats) { st.Errors++ })
		s.log.Printf("encode", "%s: %v", CompressedTopic, err)
		return
	}
	s.depthPub.Write(&sensor_msgs.CompressedImage{Header: f.Header, Format: depthcodec.Format, Data: data})
	s.count(func(st *Stats) { st.Compressed++ })
}

func (s *Stage) count(f func(st *Stats)) {
	s.mu.Lock()
	f(&s.st)
	s.mu.Unlock()
}

// Snapshot copies the counters for diagnostics and tests.
func (s *Stage) Snapshot() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st
	st.Refused = make(map[string]uint64, len(s.st.Refused))
	for k, v := range s.st.Refused {
		st.Refused[k] = v
	}
	return st
}

// Diagnostics reports the clouds and the refusals as one status.
func (s *Stage) Diagnostics() []diagnostic_msgs.DiagnosticStatus {
	return []diagnostic_msgs.DiagnosticStatus{s.Snapshot().Status(s.self + ": points")}
}

// Close unadvertises both topics.
func (s *Stage) Close() error {
	s.pub.Close()
	s.depthPub.Close()
	return nil
}

// metricSource says whether the parameters start a stage that fills FrameOutput.Metric: the
// metric stage, from LiDAR or the floor (Params.MetricOn, which needs ~depth_model). Without
// one, depth/points and depth/metric/compressedDepth are not advertised, since nothing could
// ever go out on them.
func metricSource(p params.Params) bool { return p.MetricOn() && p.DepthModel != "" }

// badInputLogPeriod is the least time between two log lines about the same refusal.
const badInputLogPeriod = 5 * time.Second

// Declared is the points stage as the node lists it: after the metric stage, whose
// FrameOutput.Metric it reads.
var Declared = stage.Declared{Name: "points", After: []string{"metric"}, New: New}
