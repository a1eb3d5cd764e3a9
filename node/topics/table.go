package topics

import (
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/node/imagemsg"
)

// Output topic names, relative to the node's namespace.
const (
	Depth        = "depth/relative"
	DepthColor   = "depth/color"
	DepthInfo    = "depth/camera_info"
	Normals      = "normals/image"
	NormalsColor = "normals/color"
	// The colour images also go out JPEG-compressed on image_transport's topic names, for
	// viewers on a thin link (rqt_image_view, rviz with the compressed transport).
	DepthColorJPEG   = DepthColor + "/compressed"
	NormalsColorJPEG = NormalsColor + "/compressed"
)

// Row is one published topic: what -h says of it, what it needs and how it is built.
type Row struct {
	// Name is relative to the node's namespace.
	Name string
	// Type is the message type as -h shows it.
	Type string
	// Doc is -h's description.
	Doc string
	// Needs is the model outputs the message is built from.
	Needs inference.Tasks
	// Msg is a zero message of the topic's type, for advertising it.
	Msg any
	// Build makes the message for one frame; nil when this frame has none.
	Build func(f *Frame) any
}

var depthOnly, normalsOnly = inference.Tasks{Depth: true}, inference.Tasks{Normals: true}

// Table is every topic the node publishes from a frame itself (the stages publish theirs).
var Table = []Row{
	{Depth, "sensor_msgs/Image 32FC1", "affine-invariant depth in [0,1], 0 = near, input resolution",
		depthOnly, &sensor_msgs.Image{}, func(f *Frame) any {
			r := f.Result
			return imagemsg.Float(f.Header, r.Width, r.Height, 1, r.Depth)
		}},
	{DepthColor, "sensor_msgs/Image bgr8", "relative depth through the Turbo colour map (fixed range)",
		depthOnly, &sensor_msgs.Image{}, func(f *Frame) any { return f.depthColor() }},
	{DepthColorJPEG, "sensor_msgs/CompressedImage", "depth/color as JPEG (~jpeg_quality), image_transport's compressed topic",
		depthOnly, &sensor_msgs.CompressedImage{}, func(f *Frame) any { return f.jpeg(f.depthColor()) }},
	{DepthInfo, "sensor_msgs/CameraInfo", "the input camera_info with the output header",
		depthOnly, &sensor_msgs.CameraInfo{}, func(f *Frame) any { return f.cameraInfo() }},
	{Normals, "sensor_msgs/Image 32FC3", "unit normals, optical frame (x right, y down, z forward), toward the camera",
		normalsOnly, &sensor_msgs.Image{}, func(f *Frame) any {
			r := f.Result
			return imagemsg.Float(f.Header, r.Width, r.Height, 3, r.Normals)
		}},
	{NormalsColor, "sensor_msgs/Image rgb8", "normals in the E2E-FT convention (+x left, +y up, +z to the camera) as (n+1)/2*255, for every model",
		normalsOnly, &sensor_msgs.Image{}, func(f *Frame) any { return f.normalsColor() }},
	{NormalsColorJPEG, "sensor_msgs/CompressedImage", "normals/color as JPEG (~jpeg_quality), image_transport's compressed topic",
		normalsOnly, &sensor_msgs.CompressedImage{}, func(f *Frame) any { return f.jpeg(f.normalsColor()) }},
}
