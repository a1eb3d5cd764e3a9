package synth

import (
	"bufio"
	"errors"
	"image"
	"image/png"
	"math"
	"os"
)

// ErrDataset is wrapped by errors about malformed data set files.
var ErrDataset = errors.New("synthetic data set")

// encoder trades a little size for speed: data sets are written in bulk.
var encoder = png.Encoder{CompressionLevel: png.BestSpeed}

// SaveImage writes img as frame i of the data set in dir: 8-bit RGB, depth
// in millimetres (16-bit, 0 invalid) and normals as round((n+1)/2*65535)
// (16-bit RGB, all zero invalid).
func SaveImage(dir string, i int, img *Image) error {
	w, h := img.Width, img.Height
	rgb := image.NewRGBA(image.Rect(0, 0, w, h))
	depth := image.NewGray16(image.Rect(0, 0, w, h))
	normals := image.NewNRGBA64(image.Rect(0, 0, w, h))
	for p := 0; p < w*h; p++ {
		copy(rgb.Pix[4*p:], img.RGB[3*p:3*p+3])
		rgb.Pix[4*p+3] = 255
		d := float64(img.Depth[p])
		mm := 0.0
		if !math.IsNaN(d) && d > 0 {
			mm = math.Round(d * 1000)
			if mm > 65535 {
				mm = 0
			}
		}
		put16(depth.Pix[2*p:], uint16(mm))
		valid := mm > 0
		for c := 0; c < 3; c++ {
			var q uint16
			if valid {
				q = uint16(math.Round((clamp1(float64(img.Normals[3*p+c])) + 1) / 2 * 65535))
			}
			put16(normals.Pix[8*p+2*c:], q)
		}
		put16(normals.Pix[8*p+6:], 0xffff)
	}
	for _, f := range []struct {
		kind string
		img  image.Image
	}{{"rgb", rgb}, {"depth", depth}, {"normals", normals}} {
		if err := writePNG(FramePath(dir, i, f.kind), f.img); err != nil {
			return err
		}
	}
	return nil
}

func put16(b []byte, v uint16) { b[0], b[1] = byte(v>>8), byte(v) }

func clamp1(x float64) float64 { return math.Max(-1, math.Min(1, x)) }

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if err := encoder.Encode(w, img); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// WriteDataset renders frames 0..frames-1 of g into dir (created if
// missing) with camera.json; progress, when not nil, is called after each frame.
func WriteDataset(dir string, g *Generator, frames int, progress func(done int)) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	in := g.Intrinsics()
	cam := DatasetCamera{Width: in.Width, Height: in.Height, Fx: in.Fx, Fy: in.Fy, Cx: in.Cx, Cy: in.Cy, Seed: g.Config().Seed, Frames: frames}
	if err := WriteCamera(dir, cam); err != nil {
		return err
	}
	for i := 0; i < frames; i++ {
		if err := SaveImage(dir, i, g.Frame(i).Image); err != nil {
			return err
		}
		if progress != nil {
			progress(i + 1)
		}
	}
	return nil
}
