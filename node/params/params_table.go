package params

import (
	"fmt"
	"math"

	"github.com/depthnode/depthnode/cloud"
	"github.com/depthnode/depthnode/depthcodec"
	"github.com/depthnode/depthnode/inference"
	pt "github.com/depthnode/depthnode/internal/paramtable"
)

// Groups of the parameters, as dynamic_reconfigure and rqt_reconfigure show them.
const (
	GroupModel   = "Model"
	GroupDepth   = "Depth"
	GroupAlign   = "Alignment"
	GroupPreview = "Preview"
	GroupPoints  = "Points"
	GroupCameras = "Cameras"
)

// Table declares every private parameter once: name, typed default, range or choices,
// group, whether it can change live, and its -h line.
var Table = pt.Table[Params]{
	pt.String("depth_model", "", func(p *Params) *string { return &p.DepthModel }).Group(GroupModel).
		Doc(`path of the depth ONNX model ("" disables depth)`),
	pt.String("normals_model", "", func(p *Params) *string { return &p.NormalsModel }).Group(GroupModel).
		Doc(`path of the normals ONNX model ("" disables normals; the depth model's path = one combined model)`),
	pt.Int("processing_res", -1, func(p *Params) *int { return &p.ProcessingRes }).Group(GroupModel).Live().In(-1, 8192).Shown("768").
		Doc("longer side fed to the model; 0 = native; unset = the model's metadata default, else 768"),
	pt.String("device", "auto", func(p *Params) *string { return &p.Device }).Group(GroupModel).Check(checkDevice).
		Doc("auto, cpu, cuda, cuda:N, tensorrt, tensorrt:N"),
	pt.Int("threads", 0, func(p *Params) *int { return &p.Threads }).Group(GroupModel).In(0, 1024).
		Doc("ONNX Runtime intra-op threads on the CPU (0 = one per core); fewer leave cores to decoding and resizing"),
	pt.Int("prepost_threads", 0, func(p *Params) *int { return &p.PrePostThreads }).Group(GroupModel).In(0, 64).
		Doc("goroutines for each frame's resizing and per-pixel work (0 = auto: 1 on the CPU, half the cores up to 4 with a GPU)"),
	pt.String("transport", "raw", func(p *Params) *string { return &p.Transport }).Group(GroupModel).OneOf("raw", "compressed").
		Doc("raw (subscribe image) or compressed (subscribe image/compressed, jpeg or png)"),
	// Input limits.
	pt.Int("max_input_pixels", inference.DefaultMaxPixels, func(p *Params) *int { return &p.MaxInputPixels }).Group(GroupModel).In(1, 32768*32768).
		Doc("most pixels (width*height, from the header, before decoding) an input image may have; larger ones are refused as too_large"),

	pt.Bool("depth_stretch", true, func(p *Params) *bool { return &p.DepthStretch }).Group(GroupDepth).Live().
		Doc("per-frame min-max stretch of relative depth, as the reference pipeline does"),
	pt.Int("jpeg_quality", 80, func(p *Params) *int { return &p.JPEGQuality }).Group(GroupDepth).Live().In(1, 100).
		Doc("JPEG quality (1-100) of depth/color/compressed and normals/color/compressed"),
	pt.Bool("align", false, func(p *Params) *bool { return &p.Align }).Group(GroupAlign).
		Doc("fit metric scale and shift from LiDAR (points topic)"),
	pt.String("align_space", "depth", func(p *Params) *string { return &p.AlignSpace }).Group(GroupAlign).Live().OneOf("depth", "disparity").
		Doc("depth or disparity"),
	pt.Int("align_min_points", 20, func(p *Params) *int { return &p.AlignMinPoints }).Group(GroupAlign).Live().AtLeast(2).
		Doc("fewest LiDAR points for a fit (two points fix a scale and shift)"),
	pt.Float("align_min_range", 0.1, func(p *Params) *float64 { return &p.AlignMinRange }).Group(GroupAlign).Live().AtLeast(0).
		Doc("nearest LiDAR range used (m)"),
	pt.Float("align_max_range", 100, func(p *Params) *float64 { return &p.AlignMaxRange }).Group(GroupAlign).Live().Above(0).
		Doc("farthest LiDAR range used (m); metric depth beyond it is NaN"),
	pt.Float("align_sync_slop", 0.05, func(p *Params) *float64 { return &p.AlignSyncSlop }).Group(GroupAlign).Live().Above(0).
		Doc("most seconds between image and cloud stamps"),
	pt.Float("align_smoothing", 0.8, func(p *Params) *float64 { return &p.AlignSmoothing }).Group(GroupAlign).Live().In(0, 1).Below().
		Doc("temporal smoothing of scale and shift, in [0,1) (0 = none)"),
	pt.Float("align_max_age", 1, func(p *Params) *float64 { return &p.AlignMaxAge }).Group(GroupAlign).Live().Above(0).Shown("1.0").
		Doc("seconds of image stamps a fit stays usable without a new one; then depth/metric stops"),
	pt.Bool("align_rectified", false, func(p *Params) *bool { return &p.AlignRectified }).Group(GroupAlign).Live().
		Doc("the image is rectified (image_rect): project LiDAR points with camera_info P and R instead of K and D"),
	// Metric depth from the floor.
	pt.String("align_source", "lidar", func(p *Params) *string { return &p.AlignSource }).Group(GroupAlign).OneOf("lidar", "ground", "auto").
		Doc("metric depth from lidar (with ~align), ground (the floor: camera height and tilt, needs normals) or auto (LiDAR while clouds match, else the floor); ground and auto turn alignment on"),
	pt.String("ground_frame", "base_footprint", func(p *Params) *string { return &p.GroundFrame }).Group(GroupAlign).
		Doc(`TF frame whose z is up and whose origin is on the floor, looked up from the image's frame at its stamp; "" = parameters only`),
	pt.Float("camera_height", 0, func(p *Params) *float64 { return &p.CameraHeight }).Group(GroupAlign).AtLeast(0).
		Doc("camera height above the floor (m) when TF has no ground_frame; 0 = from TF only"),
	pt.Float("camera_pitch", AngleUnset, func(p *Params) *float64 { return &p.CameraPitch }).Group(GroupAlign).Check(checkAngle(90)).Shown("unset").
		Doc("camera pitch (rad, REP-103: > 0 looks down) with camera_height; unset with camera_roll = up from the normals"),
	pt.Float("camera_roll", AngleUnset, func(p *Params) *float64 { return &p.CameraRoll }).Group(GroupAlign).Check(checkAngle(180)).Shown("unset").
		Doc("camera roll (rad, > 0 = right side down) with camera_height; unset = 0 when camera_pitch is set"),
	pt.Float("ground_normal_tolerance", 10, func(p *Params) *float64 { return &p.GroundNormalTolerance }).Group(GroupAlign).Above(0).In(0, 90).Below().
		Doc("degrees between a pixel's normal and up for it to count as floor"),
	pt.Float("ground_min_depression", 3, func(p *Params) *float64 { return &p.GroundMinDepression }).Group(GroupAlign).Above(0).In(0, 90).Below().
		Doc("degrees below the horizon a floor pixel's ray must look (floor depth blows up at the horizon)"),
	pt.Int("ground_min_pixels", 200, func(p *Params) *int { return &p.GroundMinPixels }).Group(GroupAlign).AtLeast(2).
		Doc("fewest floor pixels (of the sampled grid) for a floor fit"),
	pt.Int("ground_max_samples", 8192, func(p *Params) *int { return &p.GroundMaxSamples }).Group(GroupAlign).AtLeast(2).
		Doc("pixels read per frame for the floor fit, on a regular grid (the cost is independent of the image size)"),

	pt.String("lidar_to_camera", "", func(p *Params) *string { return &p.LidarToCamera }).Group(GroupAlign).Check(checkPose).
		Doc(`"x y z qx qy qz qw": pose of the LiDAR frame in the camera frame; "" = from TF`),
	// Point cloud and compressed depth.
	pt.Int("points_stride", cloud.DefaultOptions().Stride, func(p *Params) *int { return &p.PointsStride }).Group(GroupPoints).In(1, cloud.MaxStride).Live().
		Doc("depth/points takes every n-th pixel in both directions (1 = every pixel)"),
	pt.Bool("points_organized", cloud.DefaultOptions().Organized, func(p *Params) *bool { return &p.PointsOrganized }).Group(GroupPoints).Live().
		Doc("depth/points as an organised H/n x W/n grid with NaN for removed points (as depth_image_proc), else only the kept points"),
	pt.Float("points_min_range", cloud.DefaultOptions().MinRange, func(p *Params) *float64 { return &p.PointsMinRange }).Group(GroupPoints).AtLeast(0).Live().
		Doc("nearest point kept in depth/points, metres along the ray"),
	pt.Float("points_max_range", cloud.DefaultOptions().MaxRange, func(p *Params) *float64 { return &p.PointsMaxRange }).Group(GroupPoints).AtLeast(0).Live().
		Doc("farthest point kept in depth/points, metres along the ray (0 = no limit)"),
	pt.Float("points_edge_threshold", cloud.DefaultOptions().EdgeThreshold, func(p *Params) *float64 { return &p.PointsEdgeThreshold }).Group(GroupPoints).AtLeast(0).Live().
		Doc("flying-pixel filter: drop a point whose depth differs from a neighbour's by more than this times its depth (0 = off)"),
	pt.Float("compressed_depth_max", depthcodec.DefaultDepthMax, func(p *Params) *float64 { return &p.CompressedDepthMax }).Group(GroupPoints).In(1, 100).Live().
		Doc("depth/metric/compressedDepth: depth (m) at and beyond which a pixel is sent as invalid (the plug-in's depth_max)"),
	pt.Float("compressed_depth_quantization", depthcodec.DefaultQuantization, func(p *Params) *float64 { return &p.CompressedDepthQuantization }).Group(GroupPoints).In(1, 150).Live().
		Doc("depth/metric/compressedDepth: depth (m) at which one 16-bit step is 1 m; a step is d^2/(q*(q+1)) m (the plug-in's depth_quantization)"),

	pt.String("preview_addr", ":8080", func(p *Params) *string { return &p.PreviewAddr }).Group(GroupPreview).Check(checkListenAddr).
		Doc(`browser preview (HTTP/WebRTC) listen address; "" disables`),
	pt.Int("preview_width", 640, func(p *Params) *int { return &p.PreviewWidth }).Group(GroupPreview).Live().In(16, 4096).Check(checkEven).
		Doc("width of each preview tile (the encoder's cost), even"),
	pt.String("preview_token", "", func(p *Params) *string { return &p.PreviewToken }).Group(GroupPreview).Secret().
		Doc("when set, the preview answers 401 without ?token= or Authorization: Bearer; prefer preview_token_file (anyone on the ROS graph can read the parameter server)"),
	pt.String("preview_token_file", "", func(p *Params) *string { return &p.PreviewTokenFile }).Group(GroupPreview).
		Doc(`file holding the preview token (first line), kept off the parameter server; "" = none`),
	pt.Int("preview_bitrate", 2000, func(p *Params) *int { return &p.PreviewBitrate }).Group(GroupPreview).Live().In(50, 100000).
		Doc("preview VP8 target bitrate in kbit/s, in [50,100000]"),
	pt.String("preview_ice_servers", "", func(p *Params) *string { return &p.PreviewICEServers }).Group(GroupPreview).Check(checkICEServers).
		Doc("comma-separated STUN/TURN URLs for viewers behind NAT, e.g. stun:HOST:3478,turn:USER:PASS@HOST:3478"),
	pt.String("cameras", "", func(p *Params) *string { return &p.Cameras }).Group(GroupCameras).Check(checkCameras).
		Doc(`camera namespaces one node serves with one model, e.g. "front rear" (CAM/image -> CAM/depth/...); "" = one camera in the node's namespace`),
	pt.String("camera_batch", "auto", func(p *Params) *string { return &p.CameraBatch }).Group(GroupCameras).OneOf("auto", "on", "off").
		Doc("run the cameras' frames as one batch: auto = on a GPU (cuda, tensorrt), one after another on the CPU"),
}

func checkEven(v any) error {
	if n := v.(int); n%2 != 0 {
		return fmt.Errorf("must be even (I420 halves it), got %d", n)
	}
	return nil
}

// AngleUnset is ~camera_pitch's and ~camera_roll's default: not given.
const AngleUnset = -1000.0

// checkAngle accepts AngleUnset or radians within limitDeg of zero.
func checkAngle(limitDeg float64) func(v any) error {
	return func(v any) error {
		x := v.(float64)
		if lim := limitDeg * math.Pi / 180; x != AngleUnset && !(math.Abs(x) <= lim) {
			return fmt.Errorf("must be radians in [%.6g,%.6g] (unset = %v), got %v", -lim, lim, AngleUnset, x)
		}
		return nil
	}
}

func checkPose(v any) error {
	_, err := ParsePose(v.(string))
	return err
}
