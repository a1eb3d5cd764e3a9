package topics

import (
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"

	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/internal/colormap"
	"github.com/depthnode/depthnode/node/imagemsg"
)

// Frame is what the builders see of one finished frame; the colour images two topics share
// are made once.
type Frame struct {
	// Header is the input image's header, every output's header.
	Header std_msgs.Header
	// Result is the model's outputs at the input size.
	Result *inference.Result
	// CameraInfo is the latest camera_info, nil before the first.
	CameraInfo *sensor_msgs.CameraInfo

	jpegQuality          int
	depthImg, normalsImg *sensor_msgs.Image
}

func (f *Frame) depthColor() *sensor_msgs.Image {
	if f.depthImg == nil {
		r := f.Result
		f.depthImg = imagemsg.Bytes(f.Header, r.Width, r.Height, "bgr8", colormap.DepthTurboBGR(r.Depth, nil))
	}
	return f.depthImg
}

func (f *Frame) normalsColor() *sensor_msgs.Image {
	if f.normalsImg == nil {
		r := f.Result
		f.normalsImg = imagemsg.Bytes(f.Header, r.Width, r.Height, "rgb8", colormap.NormalsRGB(r.Normals, nil))
	}
	return f.normalsImg
}

// jpeg compresses a colour image with image_transport's format string ("bgr8; jpeg compressed
// bgr8"), so its compressed subscribers (rqt_image_view, rviz, republish) decode it.
func (f *Frame) jpeg(img *sensor_msgs.Image) any {
	data, err := inference.EncodeJPEG(img.Data, int(img.Width), int(img.Height), img.Encoding == "bgr8", f.jpegQuality, nil)
	if err != nil {
		return nil // only an impossible size fails; the raw topic carries the frame
	}
	return &sensor_msgs.CompressedImage{Header: img.Header, Format: img.Encoding + "; jpeg compressed bgr8", Data: data}
}

func (f *Frame) cameraInfo() any {
	if f.CameraInfo == nil {
		return nil
	}
	c := *f.CameraInfo // the stored message is never modified, so a shallow copy is safe
	c.Header = f.Header
	return &c
}
