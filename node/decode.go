package node

import (
	"errors"

	"github.com/depthnode/depthnode/inference"
)

// decode turns a received message into packed RGB in dst.
func decode(in *input, dst *inference.RGB) error {
	if in.compressed != nil {
		return inference.DecodeCompressed(in.compressed.Format, in.compressed.Data, dst)
	}
	m := in.raw
	return inference.DecodeImage(m.Encoding, int(m.Width), int(m.Height), int(m.Step), m.IsBigendian != 0, m.Data, dst)
}

// badReason is the diagnostics key a rejected input is counted under.
func badReason(err error) string {
	switch {
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
