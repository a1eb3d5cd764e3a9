// Package node wires the ROS 1 side of depthnode together: it reads the ROS
// command line (through internal/rosargs) and parameters (node/params),
// checks the runtime and model files, connects to the master, subscribes to
// camera images, runs them through the inference engine in the
// latest-frame-wins pipeline (node/pipeline), hands the results to the
// node's own topics (node/topics) and the stages (node/metric,
// node/preview), and publishes /diagnostics and /rosout. ROS message types
// are converted here and in the packages below node/ (besides cmd/ and
// internal/rosnode); inference, calib, cloud, stream and the others know no
// goroslib.
package node
