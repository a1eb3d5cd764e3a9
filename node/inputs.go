package node

import (
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"

	"github.com/depthnode/depthnode/inference"
)

// input is one received image message, raw or compressed, as the pipeline takes it.
type input struct {
	raw        *sensor_msgs.Image
	compressed *sensor_msgs.CompressedImage
	lim        inference.Limits // ~max_input_pixels, checked from the header before decoding
}

// Decode turns the message into packed RGB in dst.
func (in *input) Decode(dst *inference.RGB) error {
	if in.compressed != nil {
		return inference.DecodeCompressedLimited(in.compressed.Format, in.compressed.Data, dst, in.lim)
	}
	m := in.raw
	return inference.DecodeImageLimited(m.Encoding, int(m.Width), int(m.Height), int(m.Step), m.IsBigendian != 0, m.Data, dst, in.lim)
}

// Stamp is the message's header stamp.
func (in *input) Stamp() time.Time { return in.header().Stamp }

func (in *input) header() std_msgs.Header {
	if in.compressed != nil {
		return in.compressed.Header
	}
	return in.raw.Header
}
