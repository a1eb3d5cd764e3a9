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

	// Point cloud and compressed depth.

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
	return nil
}
