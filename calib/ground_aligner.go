package calib

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// GroundFrame is one relative depth image with its normals and the floor
// to align it to.
type GroundFrame struct {
	// Relative is row-major Width x Height relative depth, 0 = near.
	Relative []float32
	// Normals is row-major Width x Height x 3 unit normals in the optical
	// frame, pointing out of the surface toward the camera (normals/image).
	Normals       []float32
	Width, Height int
	// Camera images this frame; it must be built for Width x Height.
	Camera *Camera
	// Floor is the floor plane (FloorFromTransform, FloorFromAttitude); a
	// zero Up asks for Up to be estimated from Normals (EstimateUp), Height
	// is always needed.
	Floor Floor
	// Stamp is the image's header stamp; smoothing and staleness use it.
	Stamp time.Time
}

// GroundReport describes how a frame was aligned to the floor. In the
// embedded Report, Points counts floor pixels offered to the fit and
// ResidualRMS is against the floor plane's depth.
type GroundReport struct {
	Report
	// Floor is the floor used: the frame's, with Up estimated when it had none.
	Floor Floor
	// UpEstimated is true when Up came from the normals.
	UpEstimated bool
	// Sampled is how many pixels were read, BelowHorizon how many of them look
	// at least MinDepressionDeg below the horizon.
	Sampled, BelowHorizon int
}

// GroundAligner turns relative depth into metric depth from the floor's
// known height: floor pixels (normal near up, ray below the horizon) get
// their depth from the plane, and the same robust scale-and-shift fit and
// smoothing as the LiDAR Aligner map the whole image. It is not safe for
// concurrent use: one goroutine owns it.
type GroundAligner struct {
	alignCore
	cfg GroundConfig
	// Rays of the sampled pixels, rebuilt when the camera changes.
	rayCam *Camera
	pix    []int32
	rays   []Vec3 // z = 1; zero where the camera has no ray
	inv    []float64
}

// NewGroundAligner validates cfg and returns an aligner with no estimate yet.
func NewGroundAligner(cfg GroundConfig) (*GroundAligner, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	sc := SmootherConfig{Space: cfg.Space, Smoothing: cfg.Smoothing,
		JumpTolerance: cfg.JumpTolerance, JumpFrames: cfg.JumpFrames, MaxAge: cfg.MaxAge}
	return &GroundAligner{alignCore: newAlignCore(sc, cfg.Logger, groundRefusalReasons, "floor alignment refused"), cfg: cfg}, nil
}

// Close releases the buffers, the ray table too; Align fails with ErrClosed afterwards.
func (a *GroundAligner) Close() error {
	a.rayCam, a.pix, a.rays, a.inv = nil, nil, nil, nil
	return a.alignCore.Close()
}

// Align fits this frame to the floor (or keeps the smoothed estimate when
// the fit is refused) and returns metric depth in metres, NaN where the map
// gives a depth <= 0 or beyond MaxRange. The slice is reused by the next
// call. With no estimate younger than MaxAge it returns ErrStale wrapping
// this frame's refusal (ErrAboveHorizon, ErrNoFloor, a fit error), and no
// image; a malformed frame gives ErrFrame, a bad floor ErrFloorPlane.
func (a *GroundAligner) Align(f GroundFrame) ([]float32, GroundReport, error) {
	rep := GroundReport{Report: Report{Space: a.cfg.Space}}
	if a.closed {
		return nil, rep, ErrClosed
	}
	a.stats.Frames++
	if err := a.checkFrame(&f); err != nil {
		a.refuse(err)
		return nil, rep, err
	}
	var fp *FitResult
	err := a.floor(&f, &rep)
	if err == nil {
		var n int
		n, err = a.collect(&f, &rep)
		if err == nil {
			var fit FitResult
			fit, err = a.fitter.fit(a.p[:n], a.g[:n], RobustFitConfig{
				MinPoints:       a.cfg.MinPixels,
				InlierThreshold: a.cfg.InlierThreshold,
				ScaleSign:       a.cfg.Space.scaleSign(),
			}.withDefaults())
			if err == nil {
				err = a.checkSpan(n)
			}
			if err == nil {
				fp = &fit
				rep.Inliers, rep.RelativeRMS = fit.Inliers, fit.RelativeRMS
				rep.ResidualRMS = a.metricRMS(fit.ScaleShift, n)
			}
		}
	}
	if err != nil {
		if errors.Is(err, ErrFloorPlane) {
			a.refuse(err)
			return nil, rep, err // a configuration error, not a scene: never publish through it
		}
		rep.FitErr = err
		a.refuse(err)
	}
	metric, err := a.estimate(f.Stamp, fp, err, f.Relative, a.cfg.MaxAge, a.cfg.MaxRange, &rep.Report)
	return metric, rep, err
}

func (a *GroundAligner) checkFrame(f *GroundFrame) error {
	switch {
	case f.Width <= 0 || f.Height <= 0 || len(f.Relative) != f.Width*f.Height:
		return fmt.Errorf("%w: %dx%d image with %d relative depth values", ErrFrame, f.Width, f.Height, len(f.Relative))
	case len(f.Normals) != 3*f.Width*f.Height:
		return fmt.Errorf("%w: %dx%d image with %d normal components, want %d (normals off?)", ErrFrame, f.Width, f.Height, len(f.Normals), 3*f.Width*f.Height)
	case f.Camera == nil:
		return fmt.Errorf("%w: no camera model (camera_info not received?)", ErrFrame)
	case f.Camera.Width() != f.Width || f.Camera.Height() != f.Height:
		return fmt.Errorf("%w: camera built for %dx%d, image is %dx%d", ErrCameraSize, f.Camera.Width(), f.Camera.Height(), f.Width, f.Height)
	}
	return nil
}

// floor settles the frame's floor plane, estimating Up when it is zero.
func (a *GroundAligner) floor(f *GroundFrame, rep *GroundReport) error {
	fl := f.Floor
	if fl.Up == (Vec3{}) {
		up, _, err := EstimateUp(f.Normals, f.Width, f.Height, a.cfg.upEstimate())
		if err != nil {
			return fmt.Errorf("estimating up from the normals: %w", err)
		}
		fl.Up, rep.UpEstimated = up, true
	}
	fl, err := fl.normalized()
	if err != nil {
		return err
	}
	f.Floor, rep.Floor = fl, fl
	return nil
}

// rayTable computes the rays of the sampled pixel grid once per camera.
func (a *GroundAligner) rayTable(cam *Camera) {
	if a.rayCam == cam {
		return
	}
	w, h := cam.Width(), cam.Height()
	stride := sampleStride(w, h, a.cfg.MaxSamples)
	a.pix, a.rays, a.inv = a.pix[:0], a.rays[:0], a.inv[:0]
	for v := stride / 2; v < h; v += stride {
		for u := stride / 2; u < w; u += stride {
			r, ok := cam.Ray(float64(u), float64(v))
			inv := 0.0
			if ok {
				inv = 1 / r.Norm()
			} else {
				r = Vec3{}
			}
			a.pix, a.rays, a.inv = append(a.pix, int32(v*w+u)), append(a.rays, r), append(a.inv, inv)
		}
	}
	a.rayCam = cam
	n := len(a.pix)
	a.p, a.g, a.z = grow(a.p, n), grow(a.g, n), grow(a.z, n)
}

// collect stores relative depth p, fit target g and floor depth z of every
// sampled floor pixel and returns how many.
func (a *GroundAligner) collect(f *GroundFrame, rep *GroundReport) (int, error) {
	a.rayTable(f.Camera)
	up, h := f.Floor.Up, f.Floor.Height
	sinMin := math.Sin(a.cfg.MinDepressionDeg * math.Pi / 180)
	cosTol := math.Cos(a.cfg.ToleranceDeg * math.Pi / 180)
	cos2 := cosTol * cosTol
	lo, hi := a.cfg.MinRange, a.cfg.MaxRange
	space := a.cfg.Space
	below, n := 0, 0
	for k, i := range a.pix {
		r := a.rays[k]
		down := -(up.X*r.X + up.Y*r.Y + up.Z*r.Z)
		if !(down*a.inv[k] > sinMin) { // also the pixels without a ray (inv 0)
			continue
		}
		below++
		nx, ny, nz := float64(f.Normals[3*i]), float64(f.Normals[3*i+1]), float64(f.Normals[3*i+2])
		d := nx*up.X + ny*up.Y + nz*up.Z
		if !(d > 0 && d*d >= cos2*(nx*nx+ny*ny+nz*nz)) { // within ToleranceDeg of up; false for NaN
			continue
		}
		rel := float64(f.Relative[i])
		z := h / down
		if math.IsNaN(rel) || math.IsInf(rel, 0) || !(z >= lo && z <= hi) {
			continue
		}
		a.p[n], a.g[n], a.z[n] = rel, space.target(z), z
		n++
	}
	rep.Sampled, rep.BelowHorizon, rep.Points = len(a.pix), below, n
	switch {
	case below == 0:
		return 0, fmt.Errorf("%w: none of %d sampled pixels looks %g degrees below the horizon (up = %.3f %.3f %.3f)",
			ErrAboveHorizon, len(a.pix), a.cfg.MinDepressionDeg, up.X, up.Y, up.Z)
	case n < a.cfg.MinPixels:
		return n, fmt.Errorf("%w: %d of %d pixels below the horizon have a normal within %g degrees of up, need %d",
			ErrNoFloor, n, below, a.cfg.ToleranceDeg, a.cfg.MinPixels)
	}
	return n, nil
}

// minSpanThresholds is how many inlier thresholds the inliers' floor depths
// must span. Floor pixels all at about one depth (a steep view down, where
// the floor's depth barely changes across the image) pin the shift but not
// the scale: any line through that one depth is within the threshold of
// them, and with furniture among the floor-like pixels RANSAC can lock onto
// a flat, wrong line. Twice the threshold leaves the band no room for one.
const minSpanThresholds = 2

// checkSpan refuses a fit whose inliers' floor depths span less than
// minSpanThresholds inlier thresholds (relative to their median-ish middle).
func (a *GroundAligner) checkSpan(n int) error {
	lo, hi, k := math.Inf(1), math.Inf(-1), 0
	for i := 0; i < n; i++ {
		if a.fitter.w[i] > 0 {
			lo, hi, k = math.Min(lo, a.z[i]), math.Max(hi, a.z[i]), k+1
		}
	}
	if k == 0 {
		return nil // the fitter already refused
	}
	span := (hi - lo) / (0.5 * (hi + lo))
	if need := minSpanThresholds * a.cfg.InlierThreshold; span < need {
		return fmt.Errorf("%w: the %d inlier floor pixels lie between %.3g and %.3g m, a span of %.1f%%, need %.0f%% (%g x the inlier threshold) to fix the scale; a steep view down sees the floor at about one depth",
			ErrDegenerate, k, lo, hi, 100*span, 100*need, float64(minSpanThresholds))
	}
	return nil
}

// groundRefusalReasons are the sentinels Stats.Refused counts by.
var groundRefusalReasons = []error{ErrFrame, ErrCameraSize, ErrFloorPlane, ErrAboveHorizon, ErrNoFloor,
	ErrTooFewPoints, ErrDegenerate, ErrTooFewInliers, ErrScaleSign}
