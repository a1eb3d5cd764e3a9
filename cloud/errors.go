package cloud

import "errors"

// Sentinel errors; the functions of this package wrap them with context, so
// test them with errors.Is.
var (
	// ErrConfig marks an invalid option.
	ErrConfig = errors.New("invalid point cloud option")
	// ErrIntrinsics marks pinhole intrinsics that cannot describe a camera.
	ErrIntrinsics = errors.New("invalid camera intrinsics")
	// ErrInput marks a depth, colour or normals image that does not match its size.
	ErrInput = errors.New("invalid point cloud input")
)
