package params

import (
	"fmt"

	"github.com/depthnode/depthnode/internal/paramtable"
)

// ErrBadParam is wrapped by every parameter error; the message names the parameter.
var ErrBadParam = paramtable.ErrBadParam

// Params are the node's private parameters (~name), described in README's parameter table.
type Params struct {
	// DepthModel is the depth ONNX model path ("" disables depth).
	DepthModel string
	// NormalsModel is the normals ONNX model path ("" disables normals).
	NormalsModel string
	// ProcessingRes is the longer side fed to the model, 0 = native; -1 when
	// unset, so the model's own default applies.
	ProcessingRes int
	// Device is auto, cpu, cuda[:N] or tensorrt[:N].
	Device string
	// Threads is ONNX Runtime's intra-op thread count (0 = its default, one per core).
	Threads int
	// PrePostThreads splits each frame's resizing and per-pixel work over goroutines
	// (0 = auto: 1 on the CPU, half the cores up to 4 with a GPU model).
	PrePostThreads int
	// Transport is raw (sensor_msgs/Image) or compressed (CompressedImage).
	Transport string
	// DepthStretch is the per-frame min-max stretch of relative depth.
	DepthStretch bool
	// JPEGQuality is the quality of the colour images' compressed topics, 1-100.
	JPEGQuality int

	// Input limits.

	// MaxInputPixels is the most pixels an input image may declare; larger ones are refused
	// from the header, before any decoding.
	MaxInputPixels int

	// Align enables the metric fit from LiDAR.
	Align bool
	// AlignSpace is depth or disparity.
	AlignSpace string
	// AlignMinPoints is the fewest LiDAR points a fit needs.
	AlignMinPoints int
	// AlignMinRange is the nearest LiDAR range used, in metres.
	AlignMinRange float64
	// AlignMaxRange is the farthest LiDAR range used, in metres (metric output beyond it is NaN).
	AlignMaxRange float64
	// AlignSyncSlop is the most seconds between image and cloud stamps.
	AlignSyncSlop float64
	// AlignSmoothing is the temporal smoothing of scale and shift, in [0,1).
	AlignSmoothing float64
	// AlignMaxAge is how many seconds (of image stamps) a fit stays usable without a new one.
	AlignMaxAge float64
	// AlignRectified says the image is rectified: project LiDAR points with camera_info's P and R.
	AlignRectified bool
	// LidarToCamera is "x y z qx qy qz qw" ("" = from TF).
	LidarToCamera string

	// Metric depth from the floor.

	// AlignSource is lidar, ground or auto; ground and auto turn alignment on (MetricOn).
	AlignSource string
	// GroundFrame is the TF frame with z up and its origin on the floor ("" = none).
	GroundFrame string
	// CameraHeight is the camera's height above the floor in metres (0 = from TF only).
	CameraHeight float64
	// CameraPitch and CameraRoll are REP-103 radians, AngleUnset when not given.
	CameraPitch, CameraRoll float64
	// GroundNormalTolerance is the degrees between a floor pixel's normal and up.
	GroundNormalTolerance float64
	// GroundMinDepression is the degrees below the horizon a floor pixel must look.
	GroundMinDepression float64
	// GroundMinPixels is the fewest floor pixels for a fit.
	GroundMinPixels int
	// GroundMaxSamples bounds the pixels read per frame for the floor fit.
	GroundMaxSamples int

	// Point cloud and compressed depth.

	// PointsStride takes every n-th pixel in both directions into depth/points.
	PointsStride int
	// PointsOrganized publishes the grid with NaN for removed points instead of a dense list.
	PointsOrganized bool
	// PointsMinRange and PointsMaxRange bound the kept points along the ray, metres (max 0 = none).
	PointsMinRange, PointsMaxRange float64
	// PointsEdgeThreshold is the flying-pixel filter's relative depth step (0 = off).
	PointsEdgeThreshold float64
	// CompressedDepthMax is compressedDepth's depth_max (m): farther depth goes out invalid.
	CompressedDepthMax float64
	// CompressedDepthQuantization is compressedDepth's depth_quantization (m).
	CompressedDepthQuantization float64

	// PreviewAddr is the preview's listen address ("" disables).
	PreviewAddr string
	// PreviewWidth is the width of each preview tile.
	PreviewWidth int
	// PreviewToken, when set, is required by the preview page and WHEP endpoint.
	PreviewToken string
	// PreviewTokenFile names a file holding the preview token, which then stays off the
	// parameter server.
	PreviewTokenFile string
	// PreviewBitrate is the preview's VP8 target bitrate in kbit/s.
	PreviewBitrate int
	// PreviewICEServers are comma-separated STUN/TURN URLs (turn:USER:PASS@host:port).
	PreviewICEServers string

	// Live tuning and cameras.

	// Cameras are the camera namespaces one node serves, space- or comma-separated ("" = one
	// camera, in the node's namespace).
	Cameras string
	// CameraBatch is auto, on or off: whether the cameras' frames run as one batch (auto = on a
	// GPU only; on the CPU a batch measured no faster than frames one after another).
	CameraBatch string
}

// Defaults returns the documented defaults.
func Defaults() Params {
	var p Params
	Table.Defaults(&p)
	return p
}

// Set assigns one parameter from a rosparam-typed value; text is the command line's raw
// value ("" from the server), which a string parameter takes as it is written.
func (p *Params) Set(name string, v any, text string) error { return Table.Set(p, name, v, text) }

// Validate checks every parameter alone, then those that depend on each other, and names
// the first bad one.
func (p Params) Validate() error {
	if err := Table.Validate(p); err != nil {
		return err
	}
	bad := func(name, format string, args ...any) error {
		return fmt.Errorf("%w ~%s: %s", ErrBadParam, name, fmt.Sprintf(format, args...))
	}
	if p.DepthModel == "" && p.NormalsModel == "" {
		return bad("depth_model", "set ~depth_model and/or ~normals_model (both are empty, nothing to run)")
	}
	if p.AlignMaxRange <= p.AlignMinRange {
		return bad("align_max_range", "must be a finite distance above ~align_min_range (%v m), got %v", p.AlignMinRange, p.AlignMaxRange)
	}
	if p.PointsMaxRange > 0 && p.PointsMaxRange <= p.PointsMinRange {
		return bad("points_max_range", "must be 0 (no limit) or a distance above ~points_min_range (%v m), got %v", p.PointsMinRange, p.PointsMaxRange)
	}
	return nil
}
