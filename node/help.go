package node

import (
	"fmt"
	"io"
)

// topicDocs lists the node's topics for -h, in node-interface.md's words.
var topicDocs = []struct{ dir, name, typ, doc string }{
	{"sub", "image", "sensor_msgs/Image", "camera image when ~transport=raw (rgb8, bgr8, rgba8, bgra8, mono8, mono16, bayer_*8)"},
	{"sub", "image/compressed", "sensor_msgs/CompressedImage", "camera image when ~transport=compressed (jpeg, png)"},
	{"sub", "camera_info", "sensor_msgs/CameraInfo", "optional; republished as depth/camera_info; required for ~align"},
	{"sub", "points", "sensor_msgs/PointCloud2", "LiDAR cloud (x, y, z FLOAT32/64) when ~align=true"},
	{"sub", "/tf, /tf_static", "tf2_msgs/TFMessage", "LiDAR-to-camera transform when ~align=true and ~lidar_to_camera is \"\""},
	{"pub", "depth/relative", "sensor_msgs/Image 32FC1", "affine-invariant depth in [0,1], 0 = near, input resolution"},
	{"pub", "depth/color", "sensor_msgs/Image bgr8", "relative depth through the Turbo colour map (fixed range)"},
	{"pub", "depth/metric", "sensor_msgs/Image 32FC1", "metres (REP-118), NaN invalid; only while the LiDAR fit holds (~align)"},
	{"pub", "depth/camera_info", "sensor_msgs/CameraInfo", "the input camera_info with the output header"},
	{"pub", "normals/image", "sensor_msgs/Image 32FC3", "unit normals, optical frame (x right, y down, z forward), toward the camera"},
	{"pub", "normals/color", "sensor_msgs/Image rgb8", "normals in the E2E-FT convention (+x left, +y up, +z to the camera) as (n+1)/2*255, for every model"},
	{"pub", "depth/color/compressed", "sensor_msgs/CompressedImage", "depth/color as JPEG (~jpeg_quality), image_transport's compressed topic"},
	{"pub", "normals/color/compressed", "sensor_msgs/CompressedImage", "normals/color as JPEG (~jpeg_quality), image_transport's compressed topic"},
	{"pub", "/diagnostics", "diagnostic_msgs/DiagnosticArray", "1 Hz: rates, drops, bad input, per-stage latency p50/p95, model, device"},
}

// Usage writes the -h text: arguments, topics and parameters.
func Usage(w io.Writer) {
	fmt.Fprint(w, `usage: depthnode [from:=to ...] [_param:=value ...] [__name:=N] [__ns:=NS] [__master:=URI] [__ip:=IP] [__hostname:=HOST]

Relative depth and surface normals from a camera stream (E2E-FT models through ONNX Runtime).
Every output header is the input image's header. Names are relative: they resolve in the
node's namespace (__ns:= or ROS_NAMESPACE). Environment: ROS_MASTER_URI, ROS_IP,
ROS_HOSTNAME, ROS_NAMESPACE, ONNXRUNTIME_LIB (the ONNX Runtime library).

Topics:
`)
	for _, t := range topicDocs {
		fmt.Fprintf(w, "  %s %-24s %-32s %s\n", t.dir, t.name, t.typ, t.doc)
	}
	fmt.Fprint(w, "\nPrivate parameters (~name on the parameter server, overridden by _name:=value):\n")
	for _, d := range paramDefs {
		fmt.Fprintf(w, "  ~%-19s [%s] %s\n", d.name, d.def, d.doc)
	}
}
