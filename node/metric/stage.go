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

// Stage makes relative depth metric (~align, ~align_source). From LiDAR it
// matches each frame with the cloud nearest in stamp, brings the cloud into
// the camera frame (~lidar_to_camera or TF) and fits scale and shift with
// calib.Aligner; from the floor it takes the floor plane from TF
// (~ground_frame) or the parameters and fits with calib.GroundAligner on the
// pixels whose normal is up. Either way it publishes depth/metric while a
// fit holds.
//
// It wants depth (and normals for the floor) only while depth/metric has a
// subscriber, but aligns every frame that carries them anyway, so the stages
// after it (the preview) get stage.FrameOutput.Metric and the fit stays warm.
type Stage struct {
	slop       time.Duration
	fixed      *calib.Transform // ~lidar_to_camera; nil = look it up in TF
	infoTopic  string
	cloudTopic string
	topic      string
	status     string // the /diagnostics status name
	now        func() time.Time
	log        *ratelog.Limiter

	// Owned by the output goroutine (Consume). aligner is nil with ~align_source:=ground,
	// ground nil with lidar.
	aligner *calib.Aligner
	ground  *calib.GroundAligner
	camera  cameraModel
	live    liveAlign // the live ~align_* parameters (live.go)
	// The floor: ~ground_frame in TF, else the parameters; the last TF floor and its stamp.
	groundFrame string
	floorParams floorParams
	maxAge      time.Duration
	lastTF      calib.Floor
	lastTFAt    time.Time

	clouds cloudRing
	tf     *tfListener
	points *goroslib.Subscriber
	pub    *goroslib.Publisher
	subs   *bus.Subscribers

	mu sync.Mutex
	st Stats
}

// New starts the metric-depth stage; nil, nil when metric depth is off
// (params.MetricOn: ~align false and ~align_source lidar).
func New(env stage.Env) (stage.Stage, error) {
	p := env.Params
	if !p.MetricOn() {
		return nil, nil
	}
	if p.DepthModel == "" {
		return nil, fmt.Errorf("%w ~align: metric depth is fitted to relative depth, so it needs ~depth_model", params.ErrBadParam)
	}
	cfg, err := alignConfig(p)
	if err != nil {
		return nil, err
	}
	var gcfg calib.GroundConfig
	var fp floorParams
	useLidar, useGround := p.AlignSource != SourceGround, p.AlignSource != SourceLidar
	if useGround {
		if gcfg, err = groundConfig(p); err != nil {
			return nil, err
		}
		if fp, err = groundSetup(p); err != nil {
			if p.AlignSource == SourceGround {
				return nil, err
			}
			// auto: the LiDAR alone still works; say once why the floor never will.
			logging.Component(env.Log, "metric").Warn(fmt.Sprintf("metric depth: ~align_source:=auto runs on LiDAR only: %v", err))
			useGround = false
		}
	}
	s := &Stage{
		slop:        time.Duration(p.AlignSyncSlop * float64(time.Second)),
		infoTopic:   env.Resolve("camera_info"),
		cloudTopic:  env.Resolve("points"),
		topic:       env.Resolve(Topic),
		now:         env.ROS.TimeNow,
		log:         ratelog.New(logging.Component(env.Log, "metric"), badInputLogPeriod),
		camera:      cameraModel{rectified: p.AlignRectified},
		subs:        env.Subscribers,
		groundFrame: p.GroundFrame,
		floorParams: fp,
		maxAge:      cfg.MaxAge,
		live:        newLiveAlign(env.Live, cfg, gcfg),
	}
	s.st = Stats{Refused: map[string]uint64{}, Started: s.now(), Mode: p.AlignSource}
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
	if useLidar {
		if s.aligner, err = calib.NewAligner(cfg); err != nil {
			return nil, err
		}
	}
	if useGround {
		if s.ground, err = calib.NewGroundAligner(gcfg); err != nil {
			_ = s.Close()
			return nil, fmt.Errorf("%w: %w", params.ErrBadParam, err)
		}
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
	if (s.aligner != nil && s.fixed == nil) || (s.ground != nil && s.groundFrame != "") {
		if s.tf, err = newTFListener(env.ROS, env.Resolve, s.log); err != nil {
			return err
		}
	}
	if s.aligner == nil {
		return nil // the floor alone: no clouds
	}
	if s.points, err = goroslib.NewSubscriber(goroslib.SubscriberConf{Node: env.ROS, Topic: s.cloudTopic,
		Callback: func(m *sensor_msgs.PointCloud2) { s.clouds.put(m) }}); err != nil {
		return fmt.Errorf("subscribe %s: %w", s.cloudTopic, err)
	}
	return nil
}

// Wants asks for depth while someone reads depth/metric, and normals too
// while the floor may hold the fit.
func (s *Stage) Wants() inference.Tasks {
	r := s.subs.Reads(s.topic)
	return inference.Tasks{Depth: r, Normals: r && s.ground != nil}
}

// outcome is one frame's alignment: out is metric depth (nil when no fit
// holds), source the aligner behind it, ground its floor report.
type outcome struct {
	out     []float32
	rep     calib.Report
	ground  *calib.GroundReport
	from    string // where the floor came from
	source  string
	matched bool // a cloud was matched with the image
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
	if s.aligner == nil && len(r.Normals) != 3*w*h && !s.subs.Reads(s.topic) {
		return // depth for another reader, no normals to find the floor by: not asked for
	}
	if f.CameraInfo == nil {
		s.refuse(ReasonNoCameraInfo, "metric depth needs camera_info on %s", s.infoTopic)
		s.frameDone(outcome{})
		return
	}
	cam, changed, err := s.camera.get(f.CameraInfo, w, h)
	if err != nil {
		s.refuse(ReasonBadCameraInfo, "metric depth: camera_info on %s unusable for the %dx%d image: %v", s.infoTopic, w, h, err)
		s.frameDone(outcome{})
		return
	}
	if changed {
		if s.aligner != nil {
			s.aligner.Reset()
		}
		if s.ground != nil {
			s.ground.Reset()
		}
		s.log.Printf("camera changed", "metric depth: camera_info on %s changed; the fit starts again", s.infoTopic)
	}
	var o outcome
	switch {
	case s.ground == nil:
		o = s.alignLidar(f, cam)
	case s.aligner == nil:
		o = s.alignGround(f, cam)
	default: // auto: LiDAR while clouds match, else the floor, else a held LiDAR fit
		o = s.alignLidar(f, cam)
		if !o.matched || o.out == nil {
			if g := s.alignGround(f, cam); g.out != nil || o.out == nil {
				o = g
			}
		}
	}
	s.frameDone(o)
	if o.out == nil {
		return
	}
	f.Metric, f.Fit, f.FitSource = o.out, &o.rep, o.source
	if s.subs.Reads(s.topic) {
		s.pub.Write(imagemsg.Float(f.Header, w, h, 1, o.out))
		s.mu.Lock()
		s.st.Published++
		s.mu.Unlock()
	}
}

// alignLidar fits the frame to the cloud matched with it.
func (s *Stage) alignLidar(f *stage.FrameOutput, cam *calib.Camera) outcome {
	r := f.Result
	pts, ext, why := s.lidar(f.Header)
	metric, rep, err := s.aligner.Align(calib.Frame{Relative: r.Depth, Width: r.Width, Height: r.Height, Camera: cam,
		Points: pts, LidarToCamera: ext, Stamp: f.Header.Stamp})
	o := outcome{rep: rep, source: SourceLidar, matched: why.reason == ""}
	if err == nil {
		o.out = metric
	}
	switch {
	case why.reason != "":
		// Without points the aligner can only carry the held fit; the
		// reason is the missing input, not its refusal.
		s.refuse(why.reason, why.format, why.args...)
	case rep.FitErr != nil:
		s.refuse(fitRefusal(rep.FitErr), "metric depth: fit refused (%d points in the image): %v", rep.Points, rep.FitErr)
	case err != nil:
		o.out = nil
		s.refuse("other", "metric depth: %v", err)
	}
	return o
}

// alignGround fits the frame to the floor.
func (s *Stage) alignGround(f *stage.FrameOutput, cam *calib.Camera) outcome {
	r := f.Result
	o := outcome{source: SourceGround}
	if len(r.Normals) != 3*r.Width*r.Height {
		s.refuse(ReasonNoNormals, "metric depth from the floor: the frame has no normals (~normals_model)")
		return o
	}
	fl, from, why, ok := s.floorFor(f.Header)
	if !ok {
		s.refuse(why.reason, why.format, why.args...)
		return o
	}
	metric, rep, err := s.ground.Align(calib.GroundFrame{Relative: r.Depth, Normals: r.Normals, Width: r.Width, Height: r.Height,
		Camera: cam, Floor: fl, Stamp: f.Header.Stamp})
	o.rep, o.ground, o.from = rep.Report, &rep, from
	switch {
	case rep.FitErr != nil:
		s.refuse(groundRefusal(rep.FitErr), "metric depth from the floor: fit refused (%d floor pixels, floor from %s): %v", rep.Points, from, rep.FitErr)
	case err != nil && errors.Is(err, calib.ErrFloorPlane):
		s.refuse(ReasonBadFloor, "metric depth from the floor: the floor from %s is not one: %v", from, err)
	case err != nil:
		s.refuse("other", "metric depth from the floor: %v", err)
	}
	if err == nil {
		o.out = metric
	}
	return o
}

// refuse counts a frame's refusal by reason and logs it, rate-limited per reason.
func (s *Stage) refuse(reason, format string, args ...any) {
	s.mu.Lock()
	s.st.Refused[reason]++
	s.st.LastReason = reason
	s.mu.Unlock()
	s.log.Printf(reason, format, args...)
}

// frameDone records one aligned (or refused) frame for diagnostics.
func (s *Stage) frameDone(o outcome) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	st := &s.st
	st.Frames++
	st.LastFit = o.out != nil
	if o.out == nil {
		return
	}
	st.Fits++
	st.Report, st.HaveReport, st.LastFitAt, st.Source = o.rep, true, now, o.source
	if o.ground != nil {
		st.GroundFits++
		st.Ground, st.FloorFrom = *o.ground, o.from
	} else {
		st.LidarFits++
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
	if s.ground != nil {
		_ = s.ground.Close()
	}
	if s.aligner != nil {
		return s.aligner.Close()
	}
	return nil
}

// groundRefusal names a floor aligner refusal by its calib sentinel.
func groundRefusal(err error) string {
	for _, r := range []error{calib.ErrAboveHorizon, calib.ErrNoFloor, calib.ErrTooFewPoints, calib.ErrDegenerate,
		calib.ErrTooFewInliers, calib.ErrScaleSign, calib.ErrCameraSize, calib.ErrFrame} {
		if errors.Is(err, r) {
			return "floor fit: " + r.Error()
		}
	}
	return "floor fit: other"
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
