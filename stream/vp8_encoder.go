package stream

import (
	"fmt"
	"image"

	"github.com/pion/mediadevices/pkg/codec"
	"github.com/pion/mediadevices/pkg/codec/vpx"
	"github.com/pion/mediadevices/pkg/frame"
	"github.com/pion/mediadevices/pkg/io/video"
	"github.com/pion/mediadevices/pkg/prop"
)

// vp8Encoder wraps libvpx (through pion/mediadevices) for a fixed frame size.
// The encoder pulls its input through a video.Reader, so encode hands it the
// image by setting next before calling Read.
type vp8Encoder struct {
	w, h int
	enc  codec.ReadCloser
	next *image.YCbCr
}

func newVP8Encoder(w, h, bitrateKbps int) (*vp8Encoder, error) {
	p, err := vpx.NewVP8Params()
	if err != nil {
		return nil, fmt.Errorf("vp8 params: %w", err)
	}
	p.BitRate = bitrateKbps * 1000
	// Key frames come on demand (new viewer, PLI); a periodic one every few
	// seconds lets a viewer that lost packets recover without asking.
	p.KeyFrameInterval = 120
	p.RateControlEndUsage = vpx.RateControlCBR
	p.LagInFrames = 0 // no look-ahead: each frame leaves as soon as it is encoded
	e := &vp8Encoder{w: w, h: h}
	reader := video.ReaderFunc(func() (image.Image, func(), error) {
		return e.next, func() {}, nil
	})
	e.enc, err = p.BuildVideoEncoder(reader, prop.Media{Video: prop.Video{
		Width: w, Height: h, FrameFormat: frame.FormatI420,
	}})
	if err != nil {
		return nil, fmt.Errorf("vp8 encoder %dx%d: %w", w, h, err)
	}
	return e, nil
}

// encode compresses img (which must be w x h) and reports whether the result
// is a key frame.
func (e *vp8Encoder) encode(img *image.YCbCr) ([]byte, bool, error) {
	e.next = img
	data, release, err := e.enc.Read()
	e.next = nil
	if err != nil {
		return nil, false, fmt.Errorf("vp8 encode: %w", err)
	}
	release()
	return data, isVP8KeyFrame(data), nil
}

// forceKeyFrame makes the next frame a key frame.
func (e *vp8Encoder) forceKeyFrame() {
	if kc, ok := e.enc.Controller().(codec.KeyFrameController); ok {
		_ = kc.ForceKeyFrame() // libvpx's implementation only sets a flag
	}
}

func (e *vp8Encoder) close() error {
	return e.enc.Close()
}

// isVP8KeyFrame reads the frame tag (RFC 6386 9.1): bit 0 clear = key frame.
func isVP8KeyFrame(b []byte) bool {
	return len(b) >= 10 && b[0]&1 == 0 && b[3] == 0x9d && b[4] == 0x01 && b[5] == 0x2a
}
