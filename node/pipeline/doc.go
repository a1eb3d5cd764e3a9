// Package pipeline is the node's frame pipeline, with no ROS in it: a latest-frame slot the
// subscriber callback fills, a few reusable jobs, and three goroutines (decode+prepare,
// inference, finish+output) that overlap consecutive frames, with the counters and latency
// quantiles that /diagnostics reports. It talks to a Model (the inference engine) and a Sink
// (the node's topics and stages), so it is tested with fakes of both.
package pipeline
