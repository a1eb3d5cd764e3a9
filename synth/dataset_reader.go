package synth

import (
	"errors"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"math"
	"os"
)

// LoadFrame reads frame i of the data set in dir back into an Image: RGB,
// depth in metres (NaN where the file holds 0) and unit normals (NaN where
// invalid), with the intrinsics of camera.json. A frame without a normals file
// (a depth-only data set) has nil Normals.
func LoadFrame(dir string, i int) (*Image, error) {
	cam, err := LoadCamera(dir)
	if err != nil {
		return nil, err
	}
	img := NewImage(cam.Intrinsics())
	w, h := cam.Width, cam.Height
	rgb, err := ReadPNG(FramePath(dir, i, "rgb"), w, h)
	if err != nil {
		return nil, err
	}
	depth, err := ReadPNG(FramePath(dir, i, "depth"), w, h)
	if err != nil {
		return nil, err
	}
	var normals image.Image
	if _, err := os.Stat(FramePath(dir, i, "normals")); errors.Is(err, fs.ErrNotExist) {
		img.Normals = nil
	} else if normals, err = ReadPNG(FramePath(dir, i, "normals"), w, h); err != nil {
		return nil, err
	}
	nan := float32(math.NaN())
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			p := y*w + x
			img.RGB[3*p], img.RGB[3*p+1], img.RGB[3*p+2] = rgb8(rgb, x, y)
			mm := grey16(depth, x, y)
			if normals == nil {
				img.Depth[p] = nan
				if mm > 0 {
					img.Depth[p] = float32(mm) / 1000
				}
				continue
			}
			nx, ny, nz := rgb16(normals, x, y)
			if mm == 0 || nx|ny|nz == 0 {
				img.Depth[p] = nan
				img.Normals[3*p], img.Normals[3*p+1], img.Normals[3*p+2] = nan, nan, nan
				continue
			}
			img.Depth[p] = float32(mm) / 1000
			img.Normals[3*p] = float32(nx)/65535*2 - 1
			img.Normals[3*p+1] = float32(ny)/65535*2 - 1
			img.Normals[3*p+2] = float32(nz)/65535*2 - 1
		}
	}
	return img, nil
}

// rgb8, grey16 and rgb16 read a pixel, directly from the decoder's usual
// image types (a generic At per pixel allocates and is several times slower).
func rgb8(im image.Image, x, y int) (uint8, uint8, uint8) {
	if m, ok := im.(*image.RGBA); ok {
		i := m.PixOffset(x, y)
		return m.Pix[i], m.Pix[i+1], m.Pix[i+2]
	}
	r, g, b, _ := im.At(x, y).RGBA()
	return uint8(r >> 8), uint8(g >> 8), uint8(b >> 8)
}

func grey16(im image.Image, x, y int) uint32 {
	if m, ok := im.(*image.Gray16); ok {
		i := m.PixOffset(x, y)
		return uint32(m.Pix[i])<<8 | uint32(m.Pix[i+1])
	}
	v, _, _, _ := im.At(x, y).RGBA()
	return v
}

func rgb16(im image.Image, x, y int) (uint32, uint32, uint32) {
	if m, ok := im.(*image.RGBA64); ok {
		i := m.PixOffset(x, y)
		return uint32(m.Pix[i])<<8 | uint32(m.Pix[i+1]), uint32(m.Pix[i+2])<<8 | uint32(m.Pix[i+3]), uint32(m.Pix[i+4])<<8 | uint32(m.Pix[i+5])
	}
	r, g, b, _ := im.At(x, y).RGBA()
	return r, g, b
}

// ReadPNG decodes a PNG and checks that it is w x h.
func ReadPNG(path string, w, h int) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrDataset, path, err)
	}
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		return nil, fmt.Errorf("%w: %s is %dx%d, camera.json says %dx%d", ErrDataset, path, b.Dx(), b.Dy(), w, h)
	}
	return img, nil
}
