package node

import (
	"errors"
	"fmt"
	"math"
	"net"
	"strconv"
	"strings"
)

// ErrBadParam is wrapped by every parameter error; the message names the parameter.
var ErrBadParam = errors.New("bad parameter")

// Params are the node's private parameters (~name), documented in node-interface.md.
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
	// JPEGQuality is the quality of the colour images' compressed topics (image_transport's
	// <topic>/compressed), 1-100.
	JPEGQuality int
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
	// AlignRectified says the image is rectified: project LiDAR points with camera_info's P and R, not K and D.
	AlignRectified bool
	// LidarToCamera is "x y z qx qy qz qw" ("" = from TF).
	LidarToCamera string
	// PreviewAddr is the preview's listen address ("" disables).
	PreviewAddr string
	// PreviewWidth is the width of each preview tile.
	PreviewWidth int
	// PreviewToken, when set, is required by the preview page and WHEP endpoint.
	PreviewToken string
	// PreviewBitrate is the preview's VP8 target bitrate in kbit/s.
	PreviewBitrate int
	// PreviewICEServers are comma-separated STUN/TURN URLs (turn:USER:PASS@host:port).
	PreviewICEServers string
}

// DefaultParams returns the documented defaults.
func DefaultParams() Params {
	return Params{
		ProcessingRes:  -1,
		Device:         "auto",
		Transport:      "raw",
		DepthStretch:   true,
		JPEGQuality:    80,
		AlignSpace:     "depth",
		AlignMinPoints: 20,
		AlignMinRange:  0.1,
		AlignMaxRange:  100,
		AlignSyncSlop:  0.05,
		AlignSmoothing: 0.8,
		AlignMaxAge:    1,
		PreviewAddr:    ":8080",
		PreviewWidth:   640,
		PreviewBitrate: 2000,
	}
}

// paramDef describes one private parameter for loading, help and errors.
type paramDef struct {
	name  string
	def   string
	doc   string
	field func(p *Params) any // *string, *int, *float64 or *bool
}

var paramDefs = []paramDef{
	{"depth_model", `""`, "path of the depth ONNX model (\"\" disables depth)", func(p *Params) any { return &p.DepthModel }},
	{"normals_model", `""`, "path of the normals ONNX model (\"\" disables normals; the depth model's path = one combined model)", func(p *Params) any { return &p.NormalsModel }},
	{"processing_res", "768", "longer side fed to the model; 0 = native; unset = the model's metadata default, else 768", func(p *Params) any { return &p.ProcessingRes }},
	{"device", "auto", "auto, cpu, cuda, cuda:N, tensorrt, tensorrt:N", func(p *Params) any { return &p.Device }},
	{"threads", "0", "ONNX Runtime intra-op threads on the CPU (0 = one per core); fewer leave cores to decoding and resizing", func(p *Params) any { return &p.Threads }},
	{"prepost_threads", "0", "goroutines for each frame's resizing and per-pixel work (0 = auto: 1 on the CPU, half the cores up to 4 with a GPU)", func(p *Params) any { return &p.PrePostThreads }},
	{"transport", "raw", "raw (subscribe image) or compressed (subscribe image/compressed, jpeg or png)", func(p *Params) any { return &p.Transport }},
	{"depth_stretch", "true", "per-frame min-max stretch of relative depth, as the reference pipeline does", func(p *Params) any { return &p.DepthStretch }},
	{"jpeg_quality", "80", "JPEG quality (1-100) of depth/color/compressed and normals/color/compressed", func(p *Params) any { return &p.JPEGQuality }},
	{"align", "false", "fit metric scale and shift from LiDAR (points topic)", func(p *Params) any { return &p.Align }},
	{"align_space", "depth", "depth or disparity", func(p *Params) any { return &p.AlignSpace }},
	{"align_min_points", "20", "fewest LiDAR points for a fit", func(p *Params) any { return &p.AlignMinPoints }},
	{"align_min_range", "0.1", "nearest LiDAR range used (m)", func(p *Params) any { return &p.AlignMinRange }},
	{"align_max_range", "100", "farthest LiDAR range used (m); metric depth beyond it is NaN", func(p *Params) any { return &p.AlignMaxRange }},
	{"align_sync_slop", "0.05", "most seconds between image and cloud stamps", func(p *Params) any { return &p.AlignSyncSlop }},
	{"align_smoothing", "0.8", "temporal smoothing of scale and shift, in [0,1) (0 = none)", func(p *Params) any { return &p.AlignSmoothing }},
	{"align_max_age", "1.0", "seconds of image stamps a fit stays usable without a new one; then depth/metric stops", func(p *Params) any { return &p.AlignMaxAge }},
	{"align_rectified", "false", "the image is rectified (image_rect): project LiDAR points with camera_info P and R instead of K and D", func(p *Params) any { return &p.AlignRectified }},
	{"lidar_to_camera", `""`, `"x y z qx qy qz qw": pose of the LiDAR frame in the camera frame; "" = from TF`, func(p *Params) any { return &p.LidarToCamera }},
	{"preview_addr", ":8080", "browser preview (HTTP/WebRTC) listen address; \"\" disables", func(p *Params) any { return &p.PreviewAddr }},
	{"preview_width", "640", "width of each preview tile (the encoder's cost)", func(p *Params) any { return &p.PreviewWidth }},
	{"preview_token", `""`, "when set, the preview answers 401 without ?token= or Authorization: Bearer", func(p *Params) any { return &p.PreviewToken }},
	{"preview_bitrate", "2000", "preview VP8 target bitrate in kbit/s, in [50,100000]", func(p *Params) any { return &p.PreviewBitrate }},
	{"preview_ice_servers", `""`, "comma-separated STUN/TURN URLs for viewers behind NAT, e.g. stun:HOST:3478,turn:USER:PASS@HOST:3478", func(p *Params) any { return &p.PreviewICEServers }},
}

func findParam(name string) (paramDef, bool) {
	for _, d := range paramDefs {
		if d.name == name {
			return d, true
		}
	}
	return paramDef{}, false
}

// Set assigns one parameter from a rosparam-typed value (string, int,
// float64, bool); an int is accepted where a float is expected, and text
// (the command line's raw value) where a string is expected.
func (p *Params) Set(name string, v any, text string) error {
	d, ok := findParam(name)
	if !ok {
		return fmt.Errorf("%w ~%s: unknown parameter (see -h)", ErrBadParam, name)
	}
	switch f := d.field(p).(type) {
	case *string:
		switch x := v.(type) {
		case string:
			*f = x
		case int, float64, bool:
			if text == "" {
				return fmt.Errorf("%w ~%s: want a string, got %T %v", ErrBadParam, name, v, v)
			}
			*f = text // _preview_token:=1234 means the text 1234
		default:
			return fmt.Errorf("%w ~%s: want a string, got %T", ErrBadParam, name, v)
		}
	case *int:
		x, ok := v.(int)
		if !ok {
			return fmt.Errorf("%w ~%s: want an integer, got %T %v", ErrBadParam, name, v, v)
		}
		*f = x
	case *float64:
		switch x := v.(type) {
		case float64:
			*f = x
		case int:
			*f = float64(x)
		default:
			return fmt.Errorf("%w ~%s: want a number, got %T %v", ErrBadParam, name, v, v)
		}
	case *bool:
		x, ok := v.(bool)
		if !ok {
			return fmt.Errorf("%w ~%s: want true or false, got %T %v", ErrBadParam, name, v, v)
		}
		*f = x
	}
	return nil
}

// Validate checks every parameter and names the first bad one.
func (p Params) Validate() error {
	bad := func(name, format string, args ...any) error {
		return fmt.Errorf("%w ~%s: %s", ErrBadParam, name, fmt.Sprintf(format, args...))
	}
	if p.DepthModel == "" && p.NormalsModel == "" {
		return bad("depth_model", "set ~depth_model and/or ~normals_model (both are empty, nothing to run)")
	}
	if p.ProcessingRes < -1 || p.ProcessingRes > 8192 {
		return bad("processing_res", "must be 0 (native) or a size up to 8192, got %d", p.ProcessingRes)
	}
	if p.Threads < 0 || p.Threads > 1024 {
		return bad("threads", "must be 0 (one per core) or a thread count up to 1024, got %d", p.Threads)
	}
	if p.PrePostThreads < 0 || p.PrePostThreads > 64 {
		return bad("prepost_threads", "must be 0 (auto) or a count up to 64, got %d", p.PrePostThreads)
	}
	if !validDevice(p.Device) {
		return bad("device", "must be auto, cpu, cuda, cuda:N, tensorrt or tensorrt:N, got %q", p.Device)
	}
	if p.Transport != "raw" && p.Transport != "compressed" {
		return bad("transport", "must be raw or compressed, got %q", p.Transport)
	}
	if p.JPEGQuality < 1 || p.JPEGQuality > 100 {
		return bad("jpeg_quality", "must be in [1,100], got %d", p.JPEGQuality)
	}
	if p.AlignSpace != "depth" && p.AlignSpace != "disparity" {
		return bad("align_space", "must be depth or disparity, got %q", p.AlignSpace)
	}
	if p.AlignMinPoints < 2 {
		return bad("align_min_points", "must be at least 2 (two points fix a scale and shift), got %d", p.AlignMinPoints)
	}
	if !finite(p.AlignMinRange) || p.AlignMinRange < 0 {
		return bad("align_min_range", "must be >= 0 metres, got %v", p.AlignMinRange)
	}
	if !finite(p.AlignMaxRange) || p.AlignMaxRange <= p.AlignMinRange {
		return bad("align_max_range", "must be a finite distance above ~align_min_range (%v m), got %v", p.AlignMinRange, p.AlignMaxRange)
	}
	if !finite(p.AlignSyncSlop) || p.AlignSyncSlop <= 0 {
		return bad("align_sync_slop", "must be > 0 seconds, got %v", p.AlignSyncSlop)
	}
	if !finite(p.AlignSmoothing) || p.AlignSmoothing < 0 || p.AlignSmoothing >= 1 {
		return bad("align_smoothing", "must be in [0,1), got %v", p.AlignSmoothing)
	}
	if !finite(p.AlignMaxAge) || p.AlignMaxAge <= 0 {
		return bad("align_max_age", "must be > 0 seconds, got %v", p.AlignMaxAge)
	}
	if _, err := ParsePose(p.LidarToCamera); err != nil {
		return bad("lidar_to_camera", "%v", err)
	}
	if p.PreviewAddr != "" {
		if _, port, err := net.SplitHostPort(p.PreviewAddr); err != nil {
			return bad("preview_addr", "want host:port or :port, got %q (%v)", p.PreviewAddr, err)
		} else if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
			return bad("preview_addr", "bad port in %q", p.PreviewAddr)
		}
	}
	if p.PreviewWidth < 16 || p.PreviewWidth > 4096 || p.PreviewWidth%2 != 0 {
		return bad("preview_width", "must be an even width in [16,4096], got %d", p.PreviewWidth)
	}
	if p.PreviewBitrate < 50 || p.PreviewBitrate > 100000 {
		return bad("preview_bitrate", "must be in [50,100000] kbit/s, got %d", p.PreviewBitrate)
	}
	if err := checkICEServers(p.PreviewICEServers); err != nil {
		return bad("preview_ice_servers", "%v", err)
	}
	return nil
}

func validDevice(d string) bool {
	switch d {
	case "auto", "cpu", "cuda", "tensorrt":
		return true
	}
	for _, prefix := range []string{"cuda:", "tensorrt:"} {
		if rest, ok := strings.CutPrefix(d, prefix); ok {
			n, err := strconv.Atoi(rest)
			return err == nil && n >= 0
		}
	}
	return false
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
