// Package metric is the node's LiDAR stage (~align): it matches each frame with the cloud
// nearest in stamp, brings the cloud into the camera frame (~lidar_to_camera or TF), fits
// scale and shift with calib.Aligner and publishes depth/metric while a fit holds, filling
// FrameOutput.Metric for the stages declared after it.
package metric
