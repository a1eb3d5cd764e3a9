package main

// prediction is one frame's model output at the frame's resolution.
type prediction struct {
	depth   []float32 // W*H relative depth (any affine map of metric depth); nil if not predicted
	normals []float32 // W*H*3 optical-frame normals toward the camera; nil if not predicted
}

// predictor yields a prediction per data set frame: a model run or files saved earlier.
type predictor interface {
	predict(i int, gt *groundTruth) (prediction, error)
	// what reports which outputs predict fills in.
	what() (depth, normals bool)
	Close() error
}
