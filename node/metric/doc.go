// Package metric is the node's metric-depth stage (~align, ~align_source): from LiDAR it
// matches each frame with the cloud nearest in stamp, brings the cloud into the camera frame
// (~lidar_to_camera or TF) and fits scale and shift with calib.Aligner; from the floor it takes
// the floor plane from TF (~ground_frame) or the parameters (~camera_height, ~camera_pitch,
// ~camera_roll) and fits with calib.GroundAligner on the pixels whose predicted normal is up.
// It publishes depth/metric while a fit holds, filling FrameOutput.Metric, Fit and FitSource
// for the stages declared after it.
package metric
