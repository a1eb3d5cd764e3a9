package main

import (
	"errors"
	"fmt"

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
	img, err := synth.LoadFrame(d.dir, i)
	if err != nil {
		return nil, fmt.Errorf("%w frame %d: %w", errDataset, i, err)
	}
	return &groundTruth{width: img.Width, height: img.Height, rgb: img.RGB, depth: img.Depth, normals: img.Normals}, nil
}
