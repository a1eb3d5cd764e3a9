package synth

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// ErrCloudSize is returned when point data does not match its dimensions.
var ErrCloudSize = errors.New("point cloud data size mismatch")

// Point is one LiDAR return in the LiDAR frame (metres); NaN coordinates
// mark a missing return.
type Point struct{ X, Y, Z, Intensity float32 }

// Cloud is an organised point cloud: Height rows (beams) of Width points.
type Cloud struct {
	Width, Height int
	Points        []Point
}

// PointStep is the bytes per point in the PointCloud2 layout of Bytes.
const PointStep = 16

// CloudField is one PointCloud2 field: a little-endian FLOAT32 at Offset.
type CloudField struct {
	Name   string
	Offset uint32
}

// CloudFields lists the PointCloud2 fields of Bytes, in order.
var CloudFields = []CloudField{{"x", 0}, {"y", 4}, {"z", 8}, {"intensity", 12}}

// Bytes packs the points as PointCloud2 data: little-endian float32 x, y,
// z, intensity, PointStep bytes per point, row after row.
func (c *Cloud) Bytes() []byte {
	out := make([]byte, len(c.Points)*PointStep)
	for i, p := range c.Points {
		o := out[i*PointStep:]
		binary.LittleEndian.PutUint32(o[0:], math.Float32bits(p.X))
		binary.LittleEndian.PutUint32(o[4:], math.Float32bits(p.Y))
		binary.LittleEndian.PutUint32(o[8:], math.Float32bits(p.Z))
		binary.LittleEndian.PutUint32(o[12:], math.Float32bits(p.Intensity))
	}
	return out
}

// DecodeCloud unpacks data written by Bytes.
func DecodeCloud(data []byte, width, height int) (*Cloud, error) {
	if width < 0 || height < 0 || len(data) != width*height*PointStep {
		return nil, fmt.Errorf("%w: %d bytes for %dx%d points of %d bytes", ErrCloudSize, len(data), width, height, PointStep)
	}
	c := &Cloud{Width: width, Height: height, Points: make([]Point, width*height)}
	f := func(b []byte) float32 { return math.Float32frombits(binary.LittleEndian.Uint32(b)) }
	for i := range c.Points {
		o := data[i*PointStep:]
		c.Points[i] = Point{f(o[0:]), f(o[4:]), f(o[8:]), f(o[12:])}
	}
	return c, nil
}

// Valid reports whether p is a real return.
func (p Point) Valid() bool { return !math.IsNaN(float64(p.X)) }
