package main

import (
	"errors"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"math"
	"os"

	"github.com/depthnode/depthnode/synth"
)

// errDataset marks a data set folder that does not follow the layout.
var errDataset = errors.New("data set")

// groundTruth is one frame of the data set.
type groundTruth struct {
	width, height int
	rgb           []byte    // packed 8-bit RGB
	depth         []float32 // metres, NaN where invalid
	normals       []float32 // optical-frame unit normals, NaN where invalid; nil when absent
}

// dataset is a folder in the synthetic layout.
type dataset struct {
	dir string
	cam synth.DatasetCamera
}

// openDataset reads the folder's camera.json.
func openDataset(dir string) (*dataset, error) {
	cam, err := synth.LoadCamera(dir)
	if err != nil {
		return nil, fmt.Errorf("%w %s: %w", errDataset, dir, err)
	}
	if cam.Frames < 1 {
		return nil, fmt.Errorf("%w %s: camera.json lists %d frames", errDataset, dir, cam.Frames)
	}
	return &dataset{dir: dir, cam: cam}, nil
}

// frame loads frame i; a frame without a normals file has nil normals (depth-only data sets).
func (d *dataset) frame(i int) (*groundTruth, error) {
	_, err := os.Stat(synth.FramePath(d.dir, i, "normals"))
	switch {
	case err == nil:
		img, err := synth.LoadFrame(d.dir, i)
		if err != nil {
			return nil, fmt.Errorf("%w frame %d: %w", errDataset, i, err)
		}
		return &groundTruth{width: img.Width, height: img.Height, rgb: img.RGB, depth: img.Depth, normals: img.Normals}, nil
	case errors.Is(err, fs.ErrNotExist):
		return d.frameWithoutNormals(i)
	default:
		return nil, fmt.Errorf("%w frame %d: %w", errDataset, i, err)
	}
}

// frameWithoutNormals reads the RGB and depth PNGs of a data set that has no normals.
func (d *dataset) frameWithoutNormals(i int) (*groundTruth, error) {
	w, h := d.cam.Width, d.cam.Height
	rgbImg, err := decodePNG(synth.FramePath(d.dir, i, "rgb"), w, h)
	if err != nil {
		return nil, err
	}
	depthImg, err := decodePNG(synth.FramePath(d.dir, i, "depth"), w, h)
	if err != nil {
		return nil, err
	}
	mm, ok := depthImg.(*image.Gray16)
	if !ok {
		return nil, fmt.Errorf("%w frame %d: depth PNG must be 16-bit grey, got %T", errDataset, i, depthImg)
	}
	gt := &groundTruth{width: w, height: h, rgb: make([]byte, 3*w*h), depth: make([]float32, w*h)}
	b := rgbImg.Bounds()
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			p := y*w + x
			r, g, bl, _ := rgbImg.At(b.Min.X+x, b.Min.Y+y).RGBA()
			gt.rgb[3*p], gt.rgb[3*p+1], gt.rgb[3*p+2] = uint8(r>>8), uint8(g>>8), uint8(bl>>8)
			v := mm.Gray16At(mm.Rect.Min.X+x, mm.Rect.Min.Y+y).Y
			gt.depth[p] = float32(math.NaN())
			if v > 0 {
				gt.depth[p] = float32(v) / 1000
			}
		}
	}
	return gt, nil
}

// decodePNG reads a PNG and checks it has the data set's size.
func decodePNG(path string, w, h int) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errDataset, err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", errDataset, path, err)
	}
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		return nil, fmt.Errorf("%w: %s is %dx%d, want %dx%d", errDataset, path, b.Dx(), b.Dy(), w, h)
	}
	return img, nil
}
