package points

import (
	"fmt"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/cloud"
)

// Reasons a frame read on depth/points gets no cloud, as /diagnostics counts them.
const (
	ReasonNoCameraInfo   = "no camera_info"
	ReasonCameraInfoSize = "camera_info size unlike the image"
	ReasonIntrinsics     = "camera_info intrinsics unusable"
)

// intrinsics takes K from m for a w x h depth image, or names why it cannot. The size must be
// the image's own: K of another resolution describes other pixels, and depth_image_proc, whose
// geometry the cloud reproduces, uses K as it is.
func intrinsics(m *sensor_msgs.CameraInfo, w, h int) (cloud.Intrinsics, string, error) {
	if m == nil {
		return cloud.Intrinsics{}, ReasonNoCameraInfo, fmt.Errorf("no camera_info received")
	}
	if int(m.Width) != w || int(m.Height) != h {
		return cloud.Intrinsics{}, ReasonCameraInfoSize, fmt.Errorf("camera_info is %dx%d, the depth image %dx%d", m.Width, m.Height, w, h)
	}
	k := cloud.Intrinsics{Fx: m.K[0], Fy: m.K[4], Cx: m.K[2], Cy: m.K[5]}
	if err := k.Validate(w, h); err != nil {
		return cloud.Intrinsics{}, ReasonIntrinsics, err
	}
	return k, "", nil
}
