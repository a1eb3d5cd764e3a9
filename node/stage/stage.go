package stage

import (
	"log/slog"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"

	"github.com/depthnode/depthnode/calib"
	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/node/bus"
	"github.com/depthnode/depthnode/node/params"
	"github.com/depthnode/depthnode/node/pipeline"
)

// FrameOutput is one finished frame as a stage sees it. Everything in it is reused for a
// later frame once Consume returns: copy what you keep.
type FrameOutput struct {
	// Header is the input image's header (stamp and frame_id of every output).
	Header std_msgs.Header
	// Camera is the camera's namespace as ~cameras names it, "" with one camera; Cameras is
	// how many the node serves (a shared stage sees frames of each).
	Camera  string
	Cameras int
	// Image is the decoded input, packed RGB.
	Image *inference.RGB
	// Result holds relative depth and/or normals at the input resolution.
	Result *inference.Result
	// CameraInfo is the latest camera_info received, nil when none arrived.
	CameraInfo *sensor_msgs.CameraInfo
	// Metric is depth in metres (NaN where invalid), Width*Height, filled by the metric-depth
	// stage for the stages declared after it; nil while no fit holds.
	Metric []float32
	// Fit is the fit behind Metric (scale, shift, inliers, residual), set with Metric; Points
	// are LiDAR points or floor pixels, as FitSource ("lidar" or "ground") says.
	Fit       *calib.Report
	FitSource string
}

// Stage is a consumer of finished frames beside the node's own topics: metric depth from
// LiDAR (node/metric) and the browser preview (node/preview) plug in here, each in its own
// package, without touching the pipeline.
type Stage interface {
	// Wants says which model outputs the stage needs now (e.g. a preview with a viewer
	// connected), so inference runs even when no ROS topic is read.
	Wants() inference.Tasks
	// Consume runs on the output goroutine after the node's own topics are published; it
	// must return quickly and must not keep f.
	Consume(f *FrameOutput)
	// Diagnostics adds the stage's status to /diagnostics (nil for none).
	Diagnostics() []diagnostic_msgs.DiagnosticStatus
	// Close stops the stage and everything it started.
	Close() error
}

// Env is what a stage gets at start.
type Env struct {
	// ROS is the connected goroslib node.
	ROS *goroslib.Node
	// Resolve turns a relative or private name into the absolute, remapped one.
	Resolve func(name string) string
	// Params are the node's validated private parameters.
	Params params.Params
	// Log is the node's logger; a stage adds its component.
	Log *slog.Logger
	// Device is where the model runs (cpu, cuda:0, ...).
	Device string
	// Stats reads the node's live counters and latencies (for the preview's numbers).
	Stats func() pipeline.Stats
	// Subscribers counts the readers of the node's topics (one poll for every stage).
	Subscribers *bus.Subscribers
	// Live holds the parameters in force now (dynamic_reconfigure changes the live ones); a
	// stage reads it once per frame.
	Live *params.Live
	// Camera is the camera a per-camera stage serves ("" with one camera, and for shared
	// stages); Resolve already puts relative names in its namespace.
	Camera string
	// Node is the node's absolute name, for status names.
	Node string
}

// StatusName is the name of a stage's /diagnostics status: "NODE: what", or "NODE: CAMERA
// what" for a per-camera stage of a node with several cameras.
func (e Env) StatusName(what string) string {
	if e.Camera != "" {
		return e.Node + ": " + e.Camera + " " + what
	}
	return e.Node + ": " + what
}

// New starts a stage; it returns (nil, nil) when its parameters leave it disabled (~align
// false, ~preview_addr "").
type New func(env Env) (Stage, error)
