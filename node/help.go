package node

import (
	"fmt"
	"io"

	"github.com/depthnode/depthnode/node/params"
	"github.com/depthnode/depthnode/node/topics"
)

// topicDoc is one -h line about a topic.
type topicDoc struct{ dir, name, typ, doc string }

// subscribedDocs and stageDocs are the topics -h lists beside the node's own (topics.Table).
var (
	subscribedDocs = []topicDoc{
		{"sub", "image", "sensor_msgs/Image", "camera image when ~transport=raw (rgb8, bgr8, rgba8, bgra8, mono8, mono16, bayer_*8)"},
		{"sub", "image/compressed", "sensor_msgs/CompressedImage", "camera image when ~transport=compressed (jpeg, png)"},
		{"sub", "camera_info", "sensor_msgs/CameraInfo", "optional; republished as depth/camera_info; required for metric depth"},
		{"sub", "points", "sensor_msgs/PointCloud2", "LiDAR cloud (x, y, z FLOAT32/64) when ~align=true"},
		{"sub", "/tf, /tf_static", "tf2_msgs/TFMessage", "LiDAR-to-camera transform (~align, ~lidar_to_camera \"\"); the floor frame ~ground_frame (~align_source ground, auto)"},
	}
	stageDocs = []topicDoc{
		{"pub", "depth/metric", "sensor_msgs/Image 32FC1", "metres (REP-118), NaN invalid; only while a LiDAR or floor fit holds (~align, ~align_source)"},
		{"pub", "depth/metric/compressedDepth", "sensor_msgs/CompressedImage", "depth/metric as compressed_depth_image_transport's \"32FC1; compressedDepth png\" (~compressed_depth_*)"},
		{"pub", "depth/points", "sensor_msgs/PointCloud2", "metric cloud laid out as PCL's PointXYZRGBNormal, image header; while a metric fit holds (~points_*)"},
		{"pub", "/diagnostics", "diagnostic_msgs/DiagnosticArray", "1 Hz: rates, drops, bad input, per-stage latency p50/p95, model, device"},
	}
)

// Usage writes the -h text: arguments, topics and parameters.
func Usage(w io.Writer) {
	fmt.Fprint(w, `usage: depthnode [from:=to ...] [_param:=value ...] [__name:=N] [__ns:=NS] [__master:=URI] [__ip:=IP] [__hostname:=HOST]

Relative depth and surface normals from a camera stream (E2E-FT models through ONNX Runtime).
Every output header is the input image's header. Names are relative: they resolve in the
node's namespace (__ns:= or ROS_NAMESPACE). Environment: ROS_MASTER_URI, ROS_IP,
ROS_HOSTNAME, ROS_NAMESPACE, ONNXRUNTIME_LIB (the ONNX Runtime library).

Topics:
`)
	docs := append([]topicDoc{}, subscribedDocs...)
	for _, r := range topics.Table {
		docs = append(docs, topicDoc{"pub", r.Name, r.Type, r.Doc})
	}
	for _, t := range append(docs, stageDocs...) {
		fmt.Fprintf(w, "  %s %-28s %-32s %s\n", t.dir, t.name, t.typ, t.doc)
	}
	fmt.Fprint(w, "\nPrivate parameters (~name on the parameter server, overridden by _name:=value):\n")
	params.Table.Usage(w)
}
