package metric

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"

	"github.com/depthnode/depthnode/calib"
	"github.com/depthnode/depthnode/node/diag"
)

// Reasons a frame gets no fit of its own, as /diagnostics counts them
// ("refused: REASON"); the aligner's own refusals are "fit: SENTINEL".
const (
	ReasonNoCameraInfo  = "no camera_info"
	ReasonBadCameraInfo = "camera_info unusable"
	ReasonNoCloud       = "no cloud within slop"
	ReasonBadCloud      = "cloud unreadable"
	ReasonTF            = "no LiDAR-to-camera transform"
	// The floor's: no normals in the frame, no floor (TF nor parameters), a floor that is
	// not one (the camera at or below it). The floor aligner's own are "floor fit: SENTINEL".
	ReasonNoNormals = "no normals"
	ReasonNoFloor   = "no floor: no ground_frame transform nor camera_height"
	ReasonBadFloor  = "floor plane invalid"
)

// Stats is what the metric stage counts, for /diagnostics and tests.
type Stats struct {
	// Frames had relative depth; Fits of them got metric depth (a fit held);
	// Published of those went out on depth/metric.
	Frames, Fits, Published uint64
	// Clouds were received; Matched and Unmatched count frames with and
	// without a decodable cloud within the sync slop.
	Clouds, Matched, Unmatched uint64
	// TFErrors count failed lookups; BadLinks TF links refused on arrival.
	TFErrors, BadLinks uint64
	// Refused counts frames by the reason they got no fit of their own
	// (and bad clouds, once each).
	Refused    map[string]uint64
	LastReason string
	// Report is the last frame's alignment that gave metric depth.
	Report     calib.Report
	HaveReport bool
	// Mode is ~align_source; Source the aligner behind the last fit (SourceLidar,
	// SourceGround), LidarFits and GroundFits the frames each gave metric depth.
	Mode, Source          string
	LidarFits, GroundFits uint64
	// Ground is the last floor fit's report and FloorFrom where its floor came
	// from (FloorFromTF, ...); FloorTFErrors count failed ~ground_frame lookups.
	Ground        calib.GroundReport
	FloorFrom     string
	FloorTFErrors uint64
	// LastFit is true when the last frame got metric depth; LastFitAt is
	// the node time it did, Started when the stage started.
	LastFit            bool
	LastFitAt, Started time.Time
}

// Status turns the counters into the stage's DiagnosticStatus: WARN once
// frames have gone without metric depth for staleAfter, OK otherwise.
func (st Stats) Status(name string, now time.Time) diagnostic_msgs.DiagnosticStatus {
	d := diagnostic_msgs.DiagnosticStatus{Level: diagnostic_msgs.DiagnosticStatus_OK, Name: name}
	kv, u := diag.Adders(&d)
	f := func(v float64, prec int) string { return strconv.FormatFloat(v, 'f', prec, 64) }
	r := st.Report
	if st.Mode != "" {
		kv("align_source", st.Mode)
	}
	if st.HaveReport {
		if st.Source != "" {
			kv("fit source", st.Source)
		}
		kv("space", r.Space.String())
		kv("scale", f(r.Scale, 4))
		kv("shift", f(r.Shift, 4))
		kv("points", strconv.Itoa(r.Points))
		kv("inliers", strconv.Itoa(r.Inliers))
		kv("residual RMS (m)", f(r.ResidualRMS, 3))
		kv("relative RMS", f(r.RelativeRMS, 4))
		kv("fit age (s of stamps)", f(r.Age.Seconds(), 3))
		if st.Source == SourceGround {
			g := st.Ground
			kv("floor pixels", strconv.Itoa(g.Points))
			kv("floor from", st.FloorFrom)
			kv("camera height (m)", f(g.Floor.Height, 3))
			kv("up (optical frame)", fmt.Sprintf("%.4f %.4f %.4f", g.Floor.Up.X, g.Floor.Up.Y, g.Floor.Up.Z))
			kv("up estimated from normals", strconv.FormatBool(g.UpEstimated))
		}
	}
	if st.Mode == SourceAuto {
		kv("frames with a LiDAR fit", u(st.LidarFits))
		kv("frames with a floor fit", u(st.GroundFits))
	}
	kv("frames with relative depth", u(st.Frames))
	kv("frames with metric depth", u(st.Fits))
	kv("published", u(st.Published))
	kv("clouds received", u(st.Clouds))
	kv("clouds matched", u(st.Matched))
	kv("frames without a cloud", u(st.Unmatched))
	kv("TF errors", u(st.TFErrors))
	kv("TF links refused", u(st.BadLinks))
	if st.Mode == SourceGround || st.Mode == SourceAuto {
		kv("ground_frame TF errors", u(st.FloorTFErrors))
	}
	for _, k := range slices.Sorted(maps.Keys(st.Refused)) {
		kv("refused: "+k, u(st.Refused[k]))
	}
	since := now.Sub(st.Started)
	if !st.LastFitAt.IsZero() {
		since = now.Sub(st.LastFitAt)
	}
	switch {
	case st.Frames == 0:
		d.Message = "waiting for frames with relative depth (computed while depth/metric or another output has a reader)"
	case st.LastFit:
		src := ""
		if st.Source != "" {
			src = " (" + st.Source + ")"
		}
		d.Message = fmt.Sprintf("fit holds%s: %s = %.4g*relative %+.4g", src, metricSymbol(r.Space), r.Scale, r.Shift)
	case since > staleAfter:
		d.Level = diagnostic_msgs.DiagnosticStatus_WARN
		d.Message = fmt.Sprintf("no fit for %.0f s: %s", since.Seconds(), st.LastReason)
	default:
		d.Message = "no fit this frame: " + st.LastReason
	}
	return d
}

func metricSymbol(s calib.Space) string {
	if s == calib.SpaceDisparity {
		return "1/depth"
	}
	return "depth"
}

// staleAfter is how long without a fit before the status warns.
const staleAfter = 5 * time.Second
