package main

import (
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"

	"github.com/depthnode/depthnode/synth"
)

// errPrediction marks a saved prediction file that cannot be used.
var errPrediction = errors.New("saved prediction")

// savedPredictor reads predictions written earlier: N_depth.npy or N_depth.png, and
// N_normals.npy or N_normals.png, in one folder.
type savedPredictor struct {
	dir                  string
	hasDepth, hasNormals bool
}

// newSavedPredictor looks at frame 0 to learn which outputs the folder holds.
func newSavedPredictor(dir string) (*savedPredictor, error) {
	s := &savedPredictor{dir: dir}
	s.hasDepth = s.find(0, "depth") != ""
	s.hasNormals = s.find(0, "normals") != ""
	if !s.hasDepth && !s.hasNormals {
		return nil, fmt.Errorf("%w: %s has neither 000000_depth.{npy,png} nor 000000_normals.{npy,png}", errPrediction, dir)
	}
	return s, nil
}

// find returns the path of frame i's prediction of kind, .npy first, or "" if there is none.
func (s *savedPredictor) find(i int, kind string) string {
	for _, ext := range []string{".npy", ".png"} {
		p := filepath.Join(s.dir, fmt.Sprintf("%06d_%s%s", i, kind, ext))
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

func (s *savedPredictor) predict(i int, gt *groundTruth) (prediction, error) {
	var p prediction
	var err error
	if s.hasDepth {
		if p.depth, err = s.load(i, "depth", gt.width, gt.height, 1); err != nil {
			return p, err
		}
	}
	if s.hasNormals {
		if p.normals, err = s.load(i, "normals", gt.width, gt.height, 3); err != nil {
			return p, err
		}
	}
	return p, nil
}

// load reads one prediction file with c channels per pixel, interleaved.
func (s *savedPredictor) load(i int, kind string, w, h, c int) ([]float32, error) {
	path := s.find(i, kind)
	if path == "" {
		return nil, fmt.Errorf("%w: frame %d: no %06d_%s.npy or .png in %s (frame 0 has one)", errPrediction, i, i, kind, s.dir)
	}
	if filepath.Ext(path) == ".npy" {
		a, err := readNpy(path)
		if err != nil {
			return nil, err
		}
		if !npyShapeIs(a.shape, h, w, c) {
			want := fmt.Sprintf("[%d,%d]", h, w)
			if c > 1 {
				want = fmt.Sprintf("[%d,%d,%d]", h, w, c)
			}
			return nil, fmt.Errorf("%w: %s has shape %v, want %s", errPrediction, path, a.shape, want)
		}
		return a.data, nil
	}
	img, err := synth.ReadPNG(path, w, h)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errDataset, err)
	}
	return pngValues(img, c)
}

// npyShapeIs accepts [H,W] (or [H,W,C]) with any number of leading 1s.
func npyShapeIs(shape []int, h, w, c int) bool {
	want := []int{h, w}
	if c > 1 {
		want = append(want, c)
	}
	if len(shape) < len(want) {
		return false
	}
	for _, d := range shape[:len(shape)-len(want)] {
		if d != 1 {
			return false
		}
	}
	for k, d := range want {
		if shape[len(shape)-len(want)+k] != d {
			return false
		}
	}
	return true
}

// pngValues decodes a 16-bit PNG prediction: grey value/65535 for depth, and for normals
// round((n+1)/2*65535) per channel with all-zero meaning "no prediction" (scored 90 degrees).
func pngValues(img image.Image, c int) ([]float32, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	out := make([]float32, w*h*c)
	switch m := img.(type) {
	case *image.Gray16:
		if c != 1 {
			return nil, fmt.Errorf("%w: a normals PNG must be 16-bit RGB, got grey", errPrediction)
		}
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				out[y*w+x] = float32(m.Gray16At(b.Min.X+x, b.Min.Y+y).Y) / 65535
			}
		}
	case *image.RGBA64, *image.NRGBA64:
		if c != 3 {
			return nil, fmt.Errorf("%w: a depth PNG must be 16-bit grey, got RGB", errPrediction)
		}
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				r, g, bl := raw16(img, b.Min.X+x, b.Min.Y+y)
				if r|g|bl == 0 {
					continue
				}
				p := 3 * (y*w + x)
				out[p], out[p+1], out[p+2] = float32(r)/65535*2-1, float32(g)/65535*2-1, float32(bl)/65535*2-1
			}
		}
	default:
		return nil, fmt.Errorf("%w: predictions must be 16-bit PNGs, got %T", errPrediction, img)
	}
	return out, nil
}

func (s *savedPredictor) what() (bool, bool) { return s.hasDepth, s.hasNormals }

func (s *savedPredictor) Close() error { return nil }

// raw16 returns the stored 16-bit channels, without the alpha premultiplication of At.RGBA.
func raw16(img image.Image, x, y int) (r, g, b uint16) {
	if m, ok := img.(*image.NRGBA64); ok {
		c := m.NRGBA64At(x, y)
		return c.R, c.G, c.B
	}
	c := img.(*image.RGBA64).RGBA64At(x, y)
	return c.R, c.G, c.B
}
