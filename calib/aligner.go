package calib

import (
	"fmt"
	"time"
)

// Frame is one relative depth image with the LiDAR points to align it.
type Frame struct {
	// Relative is row-major Width x Height relative depth in [0,1], 0 = near.
	Relative      []float32
	Width, Height int
	// Camera projects into this image; it must be built for Width x Height.
	Camera *Camera
	// Points are LiDAR returns, in the camera optical frame when
	// LidarToCamera is nil, else in the LiDAR frame.
	Points []Vec3
	// LidarToCamera, when set, maps Points into the camera optical frame.
	LidarToCamera *Transform
	// Stamp is the image's header stamp; smoothing and staleness use it.
	Stamp time.Time
}

// Report describes how a frame was aligned.
type Report struct {
	// ScaleShift is the map used: metric = s*rel + t (depth space) or
	// 1/metric = s*rel + t (disparity space).
	ScaleShift
	Space Space
	// Points is how many LiDAR points landed in the image and passed the gates;
	// Inliers how many this frame's fit kept.
	Points, Inliers int
	// ResidualRMS is the RMS metric depth error of the inliers in metres,
	// RelativeRMS the RMS of that error relative to the LiDAR depth.
	ResidualRMS, RelativeRMS float64
	// Age is the frame stamp minus the stamp of the last accepted fit.
	Age time.Duration
	// Fresh is true when this frame's own fit went into the estimate,
	// Reset when the estimate restarted from it.
	Fresh, Reset bool
	// FitErr says why this frame's own fit was refused (nil when it was not);
	// the estimate may still be used while younger than MaxAge.
	FitErr error
}

// Stats counts what the aligner did, for diagnostics.
type Stats struct {
	Frames, Published, Fresh uint64
	// Refused counts this frame's own fit refusals by reason (the sentinel's text).
	Refused map[string]uint64
}

// Aligner turns relative depth into metric depth with LiDAR points. It keeps
// buffers between frames and is not safe for concurrent use: one goroutine
// owns it.
type Aligner struct {
	alignCore
	cfg Config
}

// NewAligner validates cfg and returns an aligner with no estimate yet.
func NewAligner(cfg Config) (*Aligner, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	sc := SmootherConfig{Space: cfg.Space, Smoothing: cfg.Smoothing,
		JumpTolerance: cfg.JumpTolerance, JumpFrames: cfg.JumpFrames, MaxAge: cfg.MaxAge}
	return &Aligner{alignCore: newAlignCore(sc, cfg.Logger, refusalReasons, "alignment refused"), cfg: cfg}, nil
}

// Align fits this frame (or keeps the smoothed estimate when the fit is
// refused) and returns metric depth in metres, NaN where the map gives a
// depth <= 0 or beyond MaxRange or the relative depth is not finite. The
// returned slice is reused by the next call: copy it to keep it. With no
// estimate younger than MaxAge it returns ErrStale wrapping this frame's
// refusal, and no image. A malformed frame gives ErrFrame.
func (a *Aligner) Align(f Frame) ([]float32, Report, error) {
	rep := Report{Space: a.cfg.Space}
	if a.closed {
		return nil, rep, ErrClosed
	}
	a.stats.Frames++
	if err := a.checkFrame(&f); err != nil {
		a.refuse(err)
		return nil, rep, err
	}
	n := a.collect(&f)
	rep.Points = n
	fit, err := a.fitter.fit(a.p[:n], a.g[:n], RobustFitConfig{
		MinPoints:       a.cfg.MinPoints,
		InlierThreshold: a.cfg.InlierThreshold,
		ScaleSign:       a.cfg.Space.scaleSign(),
	}.withDefaults())
	var fp *FitResult
	if err != nil {
		rep.FitErr = err
		a.refuse(err)
	} else {
		fp = &fit
		rep.Inliers, rep.RelativeRMS = fit.Inliers, fit.RelativeRMS
		rep.ResidualRMS = a.metricRMS(fit.ScaleShift, n)
	}
	metric, err := a.estimate(f.Stamp, fp, err, f.Relative, a.cfg.MaxAge, a.cfg.MaxRange, &rep)
	return metric, rep, err
}

func (a *Aligner) checkFrame(f *Frame) error {
	switch {
	case f.Width <= 0 || f.Height <= 0 || len(f.Relative) != f.Width*f.Height:
		return fmt.Errorf("%w: %dx%d image with %d relative depth values", ErrFrame, f.Width, f.Height, len(f.Relative))
	case f.Camera == nil:
		return fmt.Errorf("%w: no camera model (camera_info not received?)", ErrFrame)
	case f.Camera.Width() != f.Width || f.Camera.Height() != f.Height:
		return fmt.Errorf("%w: camera built for %dx%d, image is %dx%d", ErrCameraSize, f.Camera.Width(), f.Camera.Height(), f.Width, f.Height)
	}
	return nil
}

// collect projects the points and stores relative depth p, fit target g and
// metric depth z of each usable one; it returns how many.
func (a *Aligner) collect(f *Frame) int {
	if cap(a.p) < len(f.Points) {
		a.p, a.g, a.z = make([]float64, len(f.Points)), make([]float64, len(f.Points)), make([]float64, len(f.Points))
	}
	p, g, z := a.p[:cap(a.p)], a.g[:cap(a.g)], a.z[:cap(a.z)]
	tr := IdentityTransform
	if f.LidarToCamera != nil {
		tr = *f.LidarToCamera
	}
	m, t := tr.Rotation.Matrix(), tr.Translation
	lo, hi := a.cfg.MinRange, a.cfg.MaxRange
	n := 0
	for _, q := range f.Points {
		// Depth first: most of a spin is behind the camera or out of range.
		cz := m[6]*q.X + m[7]*q.Y + m[8]*q.Z + t.Z
		if !(cz >= lo && cz <= hi) {
			continue
		}
		c := Vec3{m[0]*q.X + m[1]*q.Y + m[2]*q.Z + t.X, m[3]*q.X + m[4]*q.Y + m[5]*q.Z + t.Y, cz}
		u, v, ok := f.Camera.Project(c)
		if !ok {
			continue
		}
		rel, ok := sampleBilinear(f.Relative, f.Width, f.Height, u, v, a.cfg.EdgeThreshold)
		if !ok {
			continue
		}
		p[n], g[n], z[n] = rel, a.cfg.Space.target(c.Z), c.Z
		n++
	}
	return n
}

// refusalReasons are the sentinels Stats.Refused counts by.
var refusalReasons = []error{ErrFrame, ErrCameraSize, ErrTooFewPoints, ErrDegenerate, ErrTooFewInliers, ErrScaleSign}
