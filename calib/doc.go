// Package calib makes relative depth metric with sparse LiDAR returns: a
// pinhole camera model built from CameraInfo fields, rigid transforms and a
// small TF buffer, PointCloud2 decoding, a robust scale-and-shift fit on the
// pixels where LiDAR points land, and temporal smoothing of that fit.
//
// It is pure Go and knows nothing of ROS messages: the node converts
// CameraInfo, PointCloud2 and TFMessage into the plain types defined here.
package calib
