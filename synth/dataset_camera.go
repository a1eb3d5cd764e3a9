package synth

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// CameraFileName is the data set's intrinsics file.
const CameraFileName = "camera.json"

// DatasetCamera is the content of a data set's camera.json.
type DatasetCamera struct {
	Width  int     `json:"width"`
	Height int     `json:"height"`
	Fx     float64 `json:"fx"`
	Fy     float64 `json:"fy"`
	Cx     float64 `json:"cx"`
	Cy     float64 `json:"cy"`
	Seed   int64   `json:"seed"`
	Frames int     `json:"frames"`
}

// Intrinsics returns the camera model.
func (c DatasetCamera) Intrinsics() Intrinsics {
	return Intrinsics{Width: c.Width, Height: c.Height, Fx: c.Fx, Fy: c.Fy, Cx: c.Cx, Cy: c.Cy}
}

// WriteCamera writes dir/camera.json.
func WriteCamera(dir string, c DatasetCamera) error {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, CameraFileName), append(b, '\n'), 0o644)
}

// LoadCamera reads dir/camera.json.
func LoadCamera(dir string) (DatasetCamera, error) {
	var c DatasetCamera
	b, err := os.ReadFile(filepath.Join(dir, CameraFileName))
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, fmt.Errorf("%w: %s: %w", ErrDataset, CameraFileName, err)
	}
	if c.Width < 1 || c.Height < 1 {
		return c, fmt.Errorf("%w: %s: size %dx%d", ErrDataset, CameraFileName, c.Width, c.Height)
	}
	return c, nil
}

// FramePath returns the path of frame i's file of the given kind ("rgb",
// "depth" or "normals").
func FramePath(dir string, i int, kind string) string {
	return filepath.Join(dir, fmt.Sprintf("%06d_%s.png", i, kind))
}
