package synth

import (
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
)

// LoadFrame reads frame i of the data set in dir back into an Image: RGB,
// depth in metres (NaN where the file holds 0) and unit normals (NaN where
// invalid), with the intrinsics of camera.json.
func LoadFrame(dir string, i int) (*Image, error) {
	cam, err := LoadCamera(dir)
	if err != nil {
		return nil, err
	}
	img := NewImage(cam.Intrinsics())
	w, h := cam.Width, cam.Height
	rgb, err := readPNG(FramePath(dir, i, "rgb"), w, h)
	if err != nil {
		return nil, err
	}
	depth, err := readPNG(FramePath(dir, i, "depth"), w, h)
	if err != nil {
		return nil, err
	}
	normals, err := readPNG(FramePath(dir, i, "normals"), w, h)
	if err != nil {
		return nil, err
	}
	nan := float32(math.NaN())
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			p := y*w + x
			r, g, b, _ := rgb.At(x, y).RGBA()
			img.RGB[3*p], img.RGB[3*p+1], img.RGB[3*p+2] = uint8(r>>8), uint8(g>>8), uint8(b>>8)
			mm, _, _, _ := depth.At(x, y).RGBA()
			nx, ny, nz, _ := normals.At(x, y).RGBA()
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

// readPNG decodes a PNG and checks its size.
func readPNG(path string, w, h int) (image.Image, error) {
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
