// Package rosnode joins the ROS graph with goroslib for a connection that
// rosargs resolved: it retries while the master is unreachable, reads
// parameters with their XML-RPC types intact, notices a restarted master
// (Watch), explains messages goroslib refuses for size (ProbeMessageSizes,
// OversizeReason) and bounds what goroslib's publisher queues hold
// (PublishBound). Both depthnode and synthcam use it.
package rosnode
