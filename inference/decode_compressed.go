package inference

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"strings"
)

// DecodeCompressed decodes sensor_msgs/CompressedImage data into dst, reusing dst.Pix's capacity.
// format is what ROS writes ("jpeg", "png", "rgb8; jpeg compressed bgr8", ...). Corrupt or
// truncated data gives ErrCorrupt (wrapped), never a panic. It applies the default Limits.
func DecodeCompressed(format string, data []byte, dst *RGB) error {
	return DecodeCompressedLimited(format, data, dst, Limits{})
}

// DecodeCompressedLimited is DecodeCompressed within lim: a header declaring more than
// lim's pixel budget gives ErrTooLarge, and a JPEG with more than MaxJPEGScans scans gives
// ErrTooComplex, both before any pixel is decoded.
func DecodeCompressedLimited(format string, data []byte, dst *RGB, lim Limits) (err error) {
	codec, err := compressedCodec(format, data)
	if err != nil {
		return err
	}
	var turbo error
	if codec == "jpeg" {
		// Counted here because both decoders below would otherwise run every scan.
		if n := countJPEGScans(data, MaxJPEGScans); n > MaxJPEGScans {
			return fmt.Errorf("%w (%w): more than %d progressive JPEG scans", ErrTooComplex, ErrCorrupt, MaxJPEGScans)
		}
		turbo = decodeJPEGTurbo(data, dst, lim)
		if turbo == nil {
			return nil
		}
		if errors.Is(turbo, ErrTooLarge) {
			return turbo
		}
		if errors.Is(turbo, ErrBadDimensions) {
			return fmt.Errorf("%w: %w", ErrCorrupt, turbo)
		}
		// Go's decoder reads CMYK and YCCK and tolerates what libjpeg-turbo only warns about.
	}
	defer func() {
		// The standard decoders do not panic on bad input as far as we know; a crafted file that
		// found a bug must still cost one frame, not the node.
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %s decoder panicked: %v", ErrCorrupt, codec, r)
		}
	}()
	r := bytes.NewReader(data)
	var cfg image.Config
	if codec == "png" {
		cfg, err = png.DecodeConfig(r)
	} else {
		cfg, err = jpeg.DecodeConfig(r)
	}
	if err != nil {
		return fmt.Errorf("%w: %s header: %v%s", ErrCorrupt, codec, err, also(turbo))
	}
	// The header's size is checked before the decoder allocates the pixels.
	if err := lim.check(cfg.Width, cfg.Height); errors.Is(err, ErrTooLarge) {
		return fmt.Errorf("%s header: %w", codec, err)
	} else if err != nil {
		return fmt.Errorf("%w: %s header claims %dx%d: %w", ErrCorrupt, codec, cfg.Width, cfg.Height, err)
	}
	r.Reset(data)
	var img image.Image
	if codec == "png" {
		img, err = png.Decode(r)
	} else {
		img, err = jpeg.Decode(r)
	}
	if err != nil {
		return fmt.Errorf("%w: %s: %v%s", ErrCorrupt, codec, err, also(turbo))
	}
	imageToRGB(img, dst)
	return nil
}

// also words libjpeg-turbo's refusal as a suffix to Go's decoder error.
func also(turbo error) string {
	if turbo == nil {
		return ""
	}
	return " (" + turbo.Error() + ")"
}

// compressedCodec picks jpeg or png from the ROS format string, or from the data's signature
// when the format does not say.
func compressedCodec(format string, data []byte) (string, error) {
	f := strings.ToLower(format)
	switch {
	case strings.Contains(f, "compresseddepth"):
		return "", fmt.Errorf("%w: %q is a depth image, not a camera image", ErrUnknownEncoding, format)
	case strings.Contains(f, "jpeg"), strings.Contains(f, "jpg"):
		return "jpeg", nil
	case strings.Contains(f, "png"):
		return "png", nil
	case strings.TrimSpace(f) != "":
		return "", fmt.Errorf("%w: compressed format %q (want jpeg or png)", ErrUnknownEncoding, format)
	case bytes.HasPrefix(data, []byte("\x89PNG")):
		return "png", nil
	case bytes.HasPrefix(data, []byte{0xff, 0xd8}):
		return "jpeg", nil
	}
	return "", fmt.Errorf("%w: empty format and data is neither JPEG nor PNG", ErrCorrupt)
}
