package metric

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/calib"
	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/internal/logging"
	"github.com/depthnode/depthnode/internal/ratelog"
	"github.com/depthnode/depthnode/node/bus"
	"github.com/depthnode/depthnode/node/imagemsg"
	"github.com/depthnode/depthnode/node/params"
	"github.com/depthnode/depthnode/node/stage"
)

// Topic is the metric depth output, relative to the node's namespace.
const Topic = "depth/metric"

// Stage makes relative depth metric with LiDAR (~align): it matches
// each frame with the cloud nearest in stamp, brings the cloud into the
// camera frame (~lidar_to_camera or TF), fits scale and shift with
// calib.Aligner and publishes depth/metric while a fit holds.
//
// It wants depth only while depth/metric has a subscriber, but aligns every
// frame that carries depth anyway, so the stages after it (the preview) get
// stage.FrameOutput.Metric and the fit stays warm.
type Stage struct {
	slop       time.Duration
	fixed      *calib.Transform // ~lidar_to_camera; nil = look it up in TF
	infoTopic  string
	cloudTopic string
	topic      string
	status     string // the /diagnostics status name
	now        func() time.Time
	log        *ratelog.Limiter

	// Owned by the output goroutine (Consume).
	aligner *calib.Aligner
	camera  cameraModel
	live    liveAlign // the live ~align_* parameters (live.go)

	clouds cloudRing
	tf     *tfListener
	points *goroslib.Subscriber
	pub    *goroslib.Publisher
	subs   *bus.Subscribers

	mu sync.Mutex
	st Stats
}

// New starts the metric-depth stage; nil, nil when ~align is false.
func New(env stage.Env) (stage.Stage, error) {
	p := env.Params
	if !p.Align {
		return nil, nil
	}
	if p.DepthModel == "" {
		return nil, fmt.Errorf("%w ~align: metric depth is fitted to relative depth, so it needs ~depth_model", params.ErrBadParam)
	}
	cfg, err := alignConfig(p)
	if err != nil {
		return nil, err
	}
	s := &Stage{
		slop:       time.Duration(p.AlignSyncSlop * float64(time.Second)),
		infoTopic:  env.Resolve("camera_info"),
		cloudTopic: env.Resolve("points"),
		topic:      env.Resolve(Topic),
		now:        env.ROS.TimeNow,
		log:        ratelog.New(logging.Component(env.Log, "metric"), badInputLogPeriod),
		camera:     cameraModel{rectified: p.AlignRectified},
		subs:       env.Subscribers,
		live:       newLiveAlign(env.Live, cfg),
	}
	s.st = Stats{Refused: map[string]uint64{}, Started: s.now()}
	s.status = env.StatusName("metric depth")
	pose, err := params.ParsePose(p.LidarToCamera)
	if err != nil {
		return nil, fmt.Errorf("%w ~lidar_to_camera: %w", params.ErrBadParam, err)
	}
	if pose != nil {
		tr, err := poseTransform(pose)
		if err != nil {
			return nil, fmt.Errorf("%w ~lidar_to_camera: %w", params.ErrBadParam, err)
		}
		s.fixed = &tr
	}
	if s.aligner, err = calib.NewAligner(cfg); err != nil {
		return nil, err
	}
	if err := s.start(env); err != nil {
		_ = s.Close()
		return nil, err
	}
	return s, nil
}

func (s *Stage) start(env stage.Env) error {
	var err error
	if s.pub, err = goroslib.NewPublisher(goroslib.PublisherConf{Node: env.ROS, Topic: s.topic, Msg: &sensor_msgs.Image{}}); err != nil {
		return fmt.Errorf("advertise %s: %w", s.topic, err)
	}
	if s.fixed == nil {
		if s.tf, err = newTFListener(env.ROS, env.Resolve, s.log); err != nil {
			return err
		}
	}
	if s.points, err = goroslib.NewSubscriber(goroslib.SubscriberConf{Node: env.ROS, Topic: s.cloudTopic,
		Callback: func(m *sensor_msgs.PointCloud2) { s.clouds.put(m) }}); err != nil {
		return fmt.Errorf("subscribe %s: %w", s.cloudTopic, err)
	}
	return nil
}

// Wants asks for depth while someone reads depth/metric.
func (s *Stage) Wants() inference.Tasks {
	return inference.Tasks{Depth: s.subs.Reads(s.topic)}
}

// Consume aligns a frame that carries relative depth, sets f.Metric while a
// fit holds and publishes it when depth/metric has a subscriber.
func (s *Stage) Consume(f *stage.FrameOutput) {
	r := f.Result
	if r == nil || r.Width <= 0 || r.Height <= 0 || len(r.Depth) != r.Width*r.Height {
		return // depth not computed for this frame
	}
	s.followLive()
	w, h := r.Width, r.Height
	if f.CameraInfo == nil {
		s.frameDone(nil, calib.Report{}, ReasonNoCameraInfo, "metric depth needs camera_info on %s", s.infoTopic)
		return
	}
	cam, changed, err := s.camera.get(f.CameraInfo, w, h)
	if err != nil {
		s.frameDone(nil, calib.Report{}, ReasonBadCameraInfo, "metric depth: camera_info on %s unusable for the %dx%d image: %v", s.infoTopic, w, h, err)
		return
	}
	if changed {
		s.aligner.Reset()
		s.log.Printf("camera changed", "metric depth: camera_info on %s changed; the fit starts again", s.infoTopic)
	}
	pts, ext, why := s.lidar(f.Header)
	metric, rep, err := s.aligner.Align(calib.Frame{Relative: r.Depth, Width: w, Height: h, Camera: cam,
		Points: pts, LidarToCamera: ext, Stamp: f.Header.Stamp})
	var out []float32
	if err == nil {
		out = metric
	}
	switch {
	case why.reason != "":
		// Without points the aligner can only carry the held fit; the
		// reason is the missing input, not its refusal.
		s.frameDone(out, rep, why.reason, why.format, why.args...)
	case rep.FitErr != nil:
		key := fitRefusal(rep.FitErr)
		s.frameDone(out, rep, key, "metric depth: fit refused (%d points in the image): %v", rep.Points, rep.FitErr)
	case err != nil:
		s.frameDone(nil, rep, "other", "metric depth: %v", err)
	default:
		s.frameDone(out, rep, "", "")
	}
	if out == nil {
		return
	}
	f.Metric, f.Fit = out, &rep
	if s.subs.Reads(s.topic) {
		s.pub.Write(imagemsg.Float(f.Header, w, h, 1, out))
		s.mu.Lock()
		s.st.Published++
		s.mu.Unlock()
	}
}

// frameDone records one aligned (or refused) frame for diagnostics and logs
// the refusal, rate-limited per reason.
func (s *Stage) frameDone(metric []float32, rep calib.Report, reason, format string, args ...any) {
	now := s.now()
	s.mu.Lock()
	st := &s.st
	st.Frames++
	st.LastFit = metric != nil
	if metric != nil {
		st.Fits++
		st.Report, st.HaveReport, st.LastFitAt = rep, true, now
	}
	if reason != "" {
		st.Refused[reason]++
		st.LastReason = reason
	}
	s.mu.Unlock()
	if reason != "" {
		s.log.Printf(reason, format, args...)
	}
}

func (s *Stage) count(f func(st *Stats)) {
	s.mu.Lock()
	f(&s.st)
	s.mu.Unlock()
}

// snapshot copies the counters for diagnostics and tests.
func (s *Stage) Snapshot() Stats {
	s.mu.Lock()
	st := s.st
	st.Refused = make(map[string]uint64, len(s.st.Refused))
	for k, v := range s.st.Refused {
		st.Refused[k] = v
	}
	s.mu.Unlock()
	st.Clouds = s.clouds.count()
	if s.tf != nil {
		st.BadLinks = s.tf.bad.Load()
	}
	return st
}

// Diagnostics reports the fit and the refusals as one status.
func (s *Stage) Diagnostics() []diagnostic_msgs.DiagnosticStatus {
	return []diagnostic_msgs.DiagnosticStatus{s.Snapshot().Status(s.status, s.now())}
}

// Close unsubscribes and releases the aligner.
func (s *Stage) Close() error {
	if s.points != nil {
		s.points.Close()
	}
	if s.tf != nil {
		s.tf.close()
	}
	if s.pub != nil {
		s.pub.Close()
	}
	return s.aligner.Close()
}

// fitRefusal names an aligner refusal by its calib sentinel.
func fitRefusal(err error) string {
	for _, r := range []error{calib.ErrTooFewPoints, calib.ErrDegenerate, calib.ErrTooFewInliers, calib.ErrCameraSize, calib.ErrFrame} {
		if errors.Is(err, r) {
			return "fit: " + r.Error()
		}
	}
	return "fit: other"
}

func fmtStamp(t time.Time) string { return fmt.Sprintf("%d.%09d", t.Unix(), t.Nanosecond()) }

// badInputLogPeriod is the least time between two log lines about the same refusal.
const badInputLogPeriod = 5 * time.Second

// Declared is the metric stage as the node lists it: first, since it fills
// FrameOutput.Metric for the stages after it.
var Declared = stage.Declared{Name: "metric", New: New}
