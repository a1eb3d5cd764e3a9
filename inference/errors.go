package inference

import "errors"

// Sentinel errors; callers test them with errors.Is.
var (
	// ErrUnknownEncoding reports an image encoding or compressed format this package cannot decode.
	ErrUnknownEncoding = errors.New("unknown image encoding")
	// ErrBadDimensions reports a zero, negative or implausibly large width or height.
	ErrBadDimensions = errors.New("bad image dimensions")
	// ErrBadStep reports a row step smaller than width times bytes per pixel.
	ErrBadStep = errors.New("bad image step")
	// ErrShortData reports fewer data bytes than step times height.
	ErrShortData = errors.New("image data shorter than step*height")
	// ErrCorrupt reports compressed image data that does not decode.
	ErrCorrupt = errors.New("corrupt compressed image")
	// ErrBadConfig reports an invalid Config key; the message names the key.
	ErrBadConfig = errors.New("bad inference config")
	// ErrModel reports a model file that breaks the model contract or cannot be read.
	ErrModel = errors.New("model refused")
	// ErrProviderMissing reports an execution provider the loaded ONNX Runtime library lacks.
	ErrProviderMissing = errors.New("execution provider not available")
	// ErrRuntime reports an ONNX Runtime library that cannot be loaded or initialised.
	ErrRuntime = errors.New("onnx runtime unavailable")
	// ErrTaskUnavailable reports a request for a task no loaded model produces.
	ErrTaskUnavailable = errors.New("task not available")
	// ErrNotPrepared reports Infer or Finish on a frame without the preceding stage.
	ErrNotPrepared = errors.New("frame not prepared")
	// ErrForeignFrame reports a nil Frame or one made by another Engine.
	ErrForeignFrame = errors.New("frame is nil or belongs to another engine")
	// ErrClosed reports use of an Engine after Close.
	ErrClosed = errors.New("engine closed")
)

// Refusals of images that are valid but would cost too much; callers count them apart from
// corrupt data.
var (
	// ErrTooLarge reports an image whose declared width*height exceeds the decoded-pixel budget
	// (Limits.MaxPixels); it also wraps ErrBadDimensions.
	ErrTooLarge = errors.New("image larger than the pixel budget")
	// ErrTooComplex reports compressed data that would take unbounded time to decode, such as a
	// progressive JPEG with more than MaxJPEGScans scans; it also wraps ErrCorrupt.
	ErrTooComplex = errors.New("compressed image too complex to decode")
)
