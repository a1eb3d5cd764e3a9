package params

import (
	"fmt"

	pt "github.com/depthnode/depthnode/internal/paramtable"
)

// Groups of the parameters, as dynamic_reconfigure and rqt_reconfigure show them.
const (
	GroupModel   = "Model"
	GroupDepth   = "Depth"
	GroupAlign   = "Alignment"
	GroupPreview = "Preview"
)

// Table declares every private parameter once: name, typed default, range or choices,
// group, whether it can change live, and its -h line.
var Table = pt.Table[Params]{
	pt.String("depth_model", "", func(p *Params) *string { return &p.DepthModel }).Group(GroupModel).
		Doc(`path of the depth ONNX model ("" disables depth)`),
	pt.String("normals_model", "", func(p *Params) *string { return &p.NormalsModel }).Group(GroupModel).
		Doc(`path of the normals ONNX model ("" disables normals; the depth model's path = one combined model)`),
	pt.Int("processing_res", -1, func(p *Params) *int { return &p.ProcessingRes }).Group(GroupModel).In(-1, 8192).Shown("768").
		Doc("longer side fed to the model; 0 = native; unset = the model's metadata default, else 768"),
	pt.String("device", "auto", func(p *Params) *string { return &p.Device }).Group(GroupModel).Check(checkDevice).
		Doc("auto, cpu, cuda, cuda:N, tensorrt, tensorrt:N"),
	pt.Int("threads", 0, func(p *Params) *int { return &p.Threads }).Group(GroupModel).In(0, 1024).
		Doc("ONNX Runtime intra-op threads on the CPU (0 = one per core); fewer leave cores to decoding and resizing"),
	pt.Int("prepost_threads", 0, func(p *Params) *int { return &p.PrePostThreads }).Group(GroupModel).In(0, 64).
		Doc("goroutines for each frame's resizing and per-pixel work (0 = auto: 1 on the CPU, half the cores up to 4 with a GPU)"),
	pt.String("transport", "raw", func(p *Params) *string { return &p.Transport }).Group(GroupModel).OneOf("raw", "compressed").
		Doc("raw (subscribe image) or compressed (subscribe image/compressed, jpeg or png)"),
	pt.Bool("depth_stretch", true, func(p *Params) *bool { return &p.DepthStretch }).Group(GroupDepth).
		Doc("per-frame min-max stretch of relative depth, as the reference pipeline does"),
	pt.Int("jpeg_quality", 80, func(p *Params) *int { return &p.JPEGQuality }).Group(GroupDepth).In(1, 100).
		Doc("JPEG quality (1-100) of depth/color/compressed and normals/color/compressed"),
	// Input limits.
	pt.Int("max_input_pixels", 4096*2160, func(p *Params) *int { return &p.MaxInputPixels }).Group(GroupModel).In(1, 32768*32768).
		Doc("most pixels (width*height, from the header, before decoding) an input image may have; larger ones are refused as too_large"),

	pt.Bool("align", false, func(p *Params) *bool { return &p.Align }).Group(GroupAlign).
		Doc("fit metric scale and shift from LiDAR (points topic)"),
	pt.String("align_space", "depth", func(p *Params) *string { return &p.AlignSpace }).Group(GroupAlign).OneOf("depth", "disparity").
		Doc("depth or disparity"),
	pt.Int("align_min_points", 20, func(p *Params) *int { return &p.AlignMinPoints }).Group(GroupAlign).AtLeast(2).
		Doc("fewest LiDAR points for a fit (two points fix a scale and shift)"),
	pt.Float("align_min_range", 0.1, func(p *Params) *float64 { return &p.AlignMinRange }).Group(GroupAlign).AtLeast(0).
		Doc("nearest LiDAR range used (m)"),
	pt.Float("align_max_range", 100, func(p *Params) *float64 { return &p.AlignMaxRange }).Group(GroupAlign).Above(0).
		Doc("farthest LiDAR range used (m); metric depth beyond it is NaN"),
	pt.Float("align_sync_slop", 0.05, func(p *Params) *float64 { return &p.AlignSyncSlop }).Group(GroupAlign).Above(0).
		Doc("most seconds between image and cloud stamps"),
	pt.Float("align_smoothing", 0.8, func(p *Params) *float64 { return &p.AlignSmoothing }).Group(GroupAlign).In(0, 1).Below().
		Doc("temporal smoothing of scale and shift, in [0,1) (0 = none)"),
	pt.Float("align_max_age", 1, func(p *Params) *float64 { return &p.AlignMaxAge }).Group(GroupAlign).Above(0).Shown("1.0").
		Doc("seconds of image stamps a fit stays usable without a new one; then depth/metric stops"),
	pt.Bool("align_rectified", false, func(p *Params) *bool { return &p.AlignRectified }).Group(GroupAlign).
		Doc("the image is rectified (image_rect): project LiDAR points with camera_info P and R instead of K and D"),
	// Metric depth from the floor.

	pt.String("lidar_to_camera", "", func(p *Params) *string { return &p.LidarToCamera }).Group(GroupAlign).Check(checkPose).
		Doc(`"x y z qx qy qz qw": pose of the LiDAR frame in the camera frame; "" = from TF`),
	// Point cloud and compressed depth.

	pt.String("preview_addr", ":8080", func(p *Params) *string { return &p.PreviewAddr }).Group(GroupPreview).Check(checkListenAddr).
		Doc(`browser preview (HTTP/WebRTC) listen address; "" disables`),
	pt.Int("preview_width", 640, func(p *Params) *int { return &p.PreviewWidth }).Group(GroupPreview).In(16, 4096).Check(checkEven).
		Doc("width of each preview tile (the encoder's cost), even"),
	pt.String("preview_token", "", func(p *Params) *string { return &p.PreviewToken }).Group(GroupPreview).
		Doc("when set, the preview answers 401 without ?token= or Authorization: Bearer; prefer preview_token_file (anyone on the ROS graph can read the parameter server)"),
	pt.String("preview_token_file", "", func(p *Params) *string { return &p.PreviewTokenFile }).Group(GroupPreview).
		Doc(`file holding the preview token (first line), kept off the parameter server; "" = none`),
	pt.Int("preview_bitrate", 2000, func(p *Params) *int { return &p.PreviewBitrate }).Group(GroupPreview).In(50, 100000).
		Doc("preview VP8 target bitrate in kbit/s, in [50,100000]"),
	pt.String("preview_ice_servers", "", func(p *Params) *string { return &p.PreviewICEServers }).Group(GroupPreview).Check(checkICEServers).
		Doc("comma-separated STUN/TURN URLs for viewers behind NAT, e.g. stun:HOST:3478,turn:USER:PASS@HOST:3478"),
}

func checkEven(v any) error {
	if n := v.(int); n%2 != 0 {
		return fmt.Errorf("must be even (I420 halves it), got %d", n)
	}
	return nil
}

func checkPose(v any) error {
	_, err := ParsePose(v.(string))
	return err
}
