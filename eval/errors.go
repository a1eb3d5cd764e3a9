package eval

import "errors"

// ErrSizeMismatch is returned when a prediction and its ground truth differ in size.
var ErrSizeMismatch = errors.New("prediction and ground truth differ in size")

// ErrNoValidPixels is returned when an image has no ground-truth pixel inside the evaluated range.
var ErrNoValidPixels = errors.New("no valid ground-truth pixels")

// ErrDegenerateFit is returned when the alignment's normal equations are singular
// (a constant prediction over the valid pixels cannot be scaled).
var ErrDegenerateFit = errors.New("degenerate scale-and-shift fit")

// ErrUnknownPreset is returned by LookupPreset for a name it does not know.
var ErrUnknownPreset = errors.New("unknown data set preset")
