// Package node is the ROS 1 side of depthnode: it reads the ROS command line
// (through internal/rosargs) and parameters, subscribes to camera images,
// runs them through the inference engine in a small latest-frame-wins
// pipeline, and publishes depth, normals and diagnostics. It is the only
// package that converts ROS message types.
package node
