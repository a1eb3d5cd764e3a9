// Package rosnode joins the ROS graph with goroslib for a connection that
// rosargs resolved: it retries while the master is unreachable and reads
// parameters with their XML-RPC types intact. Both depthnode and synthcam
// use it.
package rosnode
