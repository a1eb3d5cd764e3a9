package node

import (
	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"

	"github.com/depthnode/depthnode/calib"
	"github.com/depthnode/depthnode/inference"
)

// FrameOutput is one finished frame as an output stage sees it. Everything in
// it is reused for a later frame once Consume returns: copy what you keep.
type FrameOutput struct {
	// Header is the input image's header (stamp and frame_id of every output).
	Header std_msgs.Header
	// Image is the decoded input, packed RGB.
	Image *inference.RGB
	// Result holds relative depth and/or normals at the input resolution.
	Result *inference.Result
	// CameraInfo is the latest camera_info received, nil when none arrived.
	CameraInfo *sensor_msgs.CameraInfo
	// Metric is depth in metres (NaN where invalid), Width*Height, filled by
	// the metric-depth stage for the stages after it; nil while no fit holds.
	Metric []float32
	// Fit is the LiDAR fit behind Metric (scale, shift, inliers, residual),
	// set together with Metric.
	Fit *calib.Report
}

// Stage is an extra consumer of finished frames beside the node's own
// topics: metric depth from LiDAR (calib) and the browser preview (stream)
// plug in here, each in its own file, without touching the pipeline.
type Stage interface {
	// Wants says which model outputs the stage needs now (e.g. a preview with
	// a viewer connected), so inference runs even when no ROS topic is read.
	Wants() inference.Tasks
	// Consume runs on the output goroutine after the node's own topics are
	// published; it must return quickly and must not keep f.
	Consume(f *FrameOutput)
	// Diagnostics adds the stage's status to /diagnostics (nil for none).
	Diagnostics() []diagnostic_msgs.DiagnosticStatus
	// Close stops the stage and everything it started.
	Close() error
}

// StageEnv is what a stage gets at start: the ROS node (to subscribe to
// points or /tf and publish depth/metric), name resolution, the validated
// parameters and a logger.
type StageEnv struct {
	// ROS is the connected goroslib node.
	ROS *goroslib.Node
	// Resolve turns a relative or private name into the absolute, remapped one.
	Resolve func(name string) string
	// Params are the node's validated private parameters.
	Params Params
	// Log is the node's logger.
	Log Logger
	// Device is where the model runs (cpu, cuda:0, ...).
	Device string
	// Stats reads the node's live counters and latencies (for the preview's numbers).
	Stats func() Stats
}

// StageFactory starts a stage; it returns (nil, nil) when its parameters
// leave it disabled (~align false, ~preview_addr "").
type StageFactory func(env StageEnv) (Stage, error)

// builtinStages are started for every node, in order, before Config.Stages.
// The metric-depth (calib) and preview (stream) stages are added here.
var builtinStages = []StageFactory{
	newMetricStage,  // first: fills FrameOutput.Metric for the stages after it
	newPreviewStage, // last, so it sees what the stages before it add (FrameOutput.Metric)
}
