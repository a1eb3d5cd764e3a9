package depthcodec

import "errors"

// Sentinel errors; the functions of this package wrap them with context, so
// test them with errors.Is.
var (
	// ErrConfig marks an invalid depth_max or depth_quantization.
	ErrConfig = errors.New("invalid compressedDepth parameter")
	// ErrInput marks a depth image that does not match its size.
	ErrInput = errors.New("invalid depth image")
	// ErrFormat marks a message that is not compressedDepth PNG of 32FC1.
	ErrFormat = errors.New("invalid compressedDepth message")
)
