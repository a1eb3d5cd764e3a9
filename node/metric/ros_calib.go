package metric

import (
	"fmt"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/tf2_msgs"

	"github.com/depthnode/depthnode/calib"
	"github.com/depthnode/depthnode/node/params"
)

// calibCameraInfo converts camera_info to calib's plain type. Binning and a
// region of interest change which sensor pixels the image holds, which
// calib's camera model does not describe, so such a camera_info is refused.
func calibCameraInfo(m *sensor_msgs.CameraInfo) (calib.CameraInfo, error) {
	roi := m.Roi
	if m.BinningX > 1 || m.BinningY > 1 {
		return calib.CameraInfo{}, fmt.Errorf("%w: binning %dx%d is not supported", calib.ErrCameraInfo, m.BinningX, m.BinningY)
	}
	if (roi.Width != 0 || roi.Height != 0) && (roi.XOffset != 0 || roi.YOffset != 0 || roi.Width != m.Width || roi.Height != m.Height) {
		return calib.CameraInfo{}, fmt.Errorf("%w: a region of interest (%d,%d %dx%d) is not supported", calib.ErrCameraInfo, roi.XOffset, roi.YOffset, roi.Width, roi.Height)
	}
	return calib.CameraInfo{
		Width:           int(m.Width),
		Height:          int(m.Height),
		DistortionModel: m.DistortionModel,
		D:               m.D,
		K:               m.K,
		R:               m.R,
		P:               m.P,
	}, nil
}

// calibCloud wraps a PointCloud2 for calib.DecodeXYZ; the data is shared, not copied.
func calibCloud(m *sensor_msgs.PointCloud2) *calib.PointCloud2 {
	fields := make([]calib.PointField, len(m.Fields))
	for i, f := range m.Fields {
		fields[i] = calib.PointField{Name: f.Name, Offset: f.Offset, Datatype: f.Datatype, Count: f.Count}
	}
	return &calib.PointCloud2{
		Height:      m.Height,
		Width:       m.Width,
		Fields:      fields,
		IsBigEndian: m.IsBigendian,
		PointStep:   m.PointStep,
		RowStep:     m.RowStep,
		Data:        m.Data,
	}
}

// calibTransforms converts a TFMessage into links for calib.TFBuffer. A
// transform calib refuses (zero quaternion, NaN) is left out and reported
// in errs, so one bad link does not drop the good ones beside it.
func calibTransforms(m *tf2_msgs.TFMessage) (links []calib.StampedTransform, errs []error) {
	for _, ts := range m.Transforms {
		tr := ts.Transform
		t, err := calib.NewTransform(
			calib.Vec3{X: tr.Translation.X, Y: tr.Translation.Y, Z: tr.Translation.Z},
			calib.Quaternion{X: tr.Rotation.X, Y: tr.Rotation.Y, Z: tr.Rotation.Z, W: tr.Rotation.W})
		if err != nil {
			errs = append(errs, fmt.Errorf("link %s -> %s: %w", ts.Header.FrameId, ts.ChildFrameId, err))
			continue
		}
		links = append(links, calib.StampedTransform{Parent: ts.Header.FrameId, Child: ts.ChildFrameId, Stamp: ts.Header.Stamp, Transform: t})
	}
	return links, errs
}

// poseTransform converts the parsed ~lidar_to_camera into calib's transform.
func poseTransform(p *params.Pose) (calib.Transform, error) {
	return calib.NewTransform(calib.Vec3{X: p.T[0], Y: p.T[1], Z: p.T[2]},
		calib.Quaternion{X: p.Q[0], Y: p.Q[1], Z: p.Q[2], W: p.Q[3]})
}
