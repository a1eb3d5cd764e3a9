// Package synth renders synthetic indoor and outdoor scenes with exact ground
// truth (metric depth, optical-frame normals, a simulated spinning LiDAR) by
// ray casting analytic primitives, and reads and writes the synthetic data set.
// It is pure Go: no ROS, no cgo; every output is a deterministic function of
// the seed and the frame index.
package synth
