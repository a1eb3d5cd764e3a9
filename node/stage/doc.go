// Package stage is the seam between the node's pipeline and the consumers of its frames: the
// Stage interface, what a stage sees of a frame (FrameOutput) and at start (Env), and the
// declared order of stages (a stage names the stages it reads from).
package stage
