package pipeline

import (
	"errors"

	"github.com/depthnode/depthnode/inference"
)

// BadReason is the diagnostics key a rejected input is counted under. The limit errors wrap
// older sentinels (ErrTooLarge wraps ErrBadDimensions, ErrTooComplex wraps ErrCorrupt), so they
// are checked first.
func BadReason(err error) string {
	switch {
	case errors.Is(err, inference.ErrTooLarge):
		return "too_large"
	case errors.Is(err, inference.ErrTooComplex):
		return "too_complex"
	case errors.Is(err, inference.ErrUnknownEncoding):
		return "encoding"
	case errors.Is(err, inference.ErrBadDimensions):
		return "dimensions"
	case errors.Is(err, inference.ErrBadStep):
		return "step"
	case errors.Is(err, inference.ErrShortData):
		return "short_data"
	case errors.Is(err, inference.ErrCorrupt):
		return "corrupt"
	}
	return "other"
}
