package metric

import (
	"slices"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/calib"
)

// cameraModel keeps the calib.Camera built from the latest camera_info and
// rebuilds it only when the calibration or the image size changes (each
// camera_info message arrives as a new value even when nothing changed).
type cameraModel struct {
	rectified bool

	msg  *sensor_msgs.CameraInfo // the message last looked at
	w, h int
	cam  *calib.Camera // nil when that message was unusable
	err  error

	good         *calib.Camera // the last usable camera and what it was built from
	goodInfo     calib.CameraInfo
	goodW, goodH int
}

// get returns the camera for m and a w x h image; changed is true when it
// replaces a different usable camera (the old fit no longer applies).
func (c *cameraModel) get(m *sensor_msgs.CameraInfo, w, h int) (cam *calib.Camera, changed bool, err error) {
	if m == c.msg && w == c.w && h == c.h {
		return c.cam, false, c.err
	}
	c.msg, c.w, c.h = m, w, h
	info, err := calibCameraInfo(m)
	if err == nil && c.good != nil && w == c.goodW && h == c.goodH && sameCameraInfo(info, c.goodInfo) {
		c.cam, c.err = c.good, nil
		return c.good, false, nil
	}
	if err == nil {
		cam, err = calib.NewCamera(info, w, h, c.rectified)
	}
	if err != nil {
		c.cam, c.err = nil, err
		return nil, false, err
	}
	changed = c.good != nil
	c.cam, c.err = cam, nil
	c.good, c.goodInfo, c.goodW, c.goodH = cam, info, w, h
	return cam, changed, nil
}

func sameCameraInfo(a, b calib.CameraInfo) bool {
	return a.Width == b.Width && a.Height == b.Height && a.DistortionModel == b.DistortionModel &&
		slices.Equal(a.D, b.D) && a.K == b.K && a.R == b.R && a.P == b.P
}
