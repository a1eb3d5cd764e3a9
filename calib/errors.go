package calib

import "errors"

// Sentinel errors; the functions of this package wrap them with context, so
// test them with errors.Is.
var (
	// ErrConfig marks an invalid configuration value.
	ErrConfig = errors.New("invalid configuration")
	// ErrCameraInfo marks camera parameters that cannot describe a camera.
	ErrCameraInfo = errors.New("invalid camera info")
	// ErrCameraSize marks a camera whose size cannot be mapped onto the image.
	ErrCameraSize = errors.New("camera info does not match the image size")
	// ErrTransform marks a malformed rigid transform.
	ErrTransform = errors.New("invalid transform")
	// ErrFrameUnknown marks a TF lookup through a frame nobody published.
	ErrFrameUnknown = errors.New("frame not in the TF tree")
	// ErrNotConnected marks two TF frames without a common ancestor.
	ErrNotConnected = errors.New("frames not connected in the TF tree")
	// ErrExtrapolation marks a TF lookup at a stamp the buffer holds no data for.
	ErrExtrapolation = errors.New("no transform near the requested stamp")
	// ErrTooManyFrames means the TF buffer is full of frames it may not drop.
	ErrTooManyFrames = errors.New("too many TF frames")
	// ErrPointCloud marks a PointCloud2 that cannot be decoded.
	ErrPointCloud = errors.New("invalid point cloud")
	// ErrFrame marks a relative depth frame that is malformed.
	ErrFrame = errors.New("invalid depth frame")
	// ErrTooFewPoints means fewer LiDAR points landed in the image than the fit needs.
	ErrTooFewPoints = errors.New("too few LiDAR points in the image")
	// ErrDegenerate means the points do not pin down scale and shift.
	ErrDegenerate = errors.New("degenerate point spread")
	// ErrTooFewInliers means the robust fit kept too few points to trust it.
	ErrTooFewInliers = errors.New("too few inliers")
	// ErrScaleSign means the fit maps near to far: relative depth is 0 = near,
	// so metric depth must grow with it.
	ErrScaleSign = errors.New("fitted scale has the wrong sign (metric depth would fall as relative depth grows)")
	// ErrFloorPlane marks a floor description that cannot be one (no up
	// direction, the camera at or below the floor).
	ErrFloorPlane = errors.New("invalid floor plane")
	// ErrAboveHorizon means no image pixel looks down at the floor.
	ErrAboveHorizon = errors.New("no pixel below the horizon")
	// ErrNoFloor means too few pixels below the horizon have a floor normal.
	ErrNoFloor = errors.New("too few floor pixels")
	// ErrClosed is returned by Align after Close.
	ErrClosed = errors.New("aligner closed")
	// ErrStale means no fit succeeded within the configured maximum age.
	ErrStale = errors.New("alignment is stale")
)
