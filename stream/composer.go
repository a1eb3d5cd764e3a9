package stream

import (
	"image"

	"github.com/depthnode/depthnode/internal/colormap"
)

// composer turns a Frame into one I420 preview image: each tile is sampled
// (nearest neighbour, precomputed index maps) and coloured into a packed RGB
// canvas, which is then converted to I420 in a single pass. Its buffers are
// sized by the layout, which is bounded by the tile width whatever the
// camera's size or aspect. It reuses all of
// its buffers, so steady-state composition allocates nothing.
type composer struct {
	tileWidth int
	metricMax float32

	layout     Layout
	srcW, srcH int
	xmap, ymap []int
	identityX  bool   // tile width equals source width: rows are used as they are
	canvas     []byte // packed RGB, layout.Width*layout.Height*3
	row        []float32
	yuv        *image.YCbCr
}

func newComposer(tileWidth int, metricMax float64) *composer {
	return &composer{tileWidth: tileWidth, metricMax: float32(metricMax)}
}

// compose renders f; the returned image is valid until the next call.
func (c *composer) compose(f *Frame) (*image.YCbCr, Layout) {
	l := layoutFor(f, c.tileWidth)
	if !l.same(c.layout) || f.Width != c.srcW || f.Height != c.srcH {
		c.resize(l, f.Width, f.Height)
	}
	for i, name := range l.Tiles {
		c.drawTile(i, name, f)
	}
	rgbToI420(c.canvas, l.Width, l.Height, c.yuv)
	return c.yuv, c.layout
}

func (c *composer) resize(l Layout, w, h int) {
	c.layout, c.srcW, c.srcH = l, w, h
	c.xmap = sampleMap(c.xmap, l.ImageWidth, w)
	c.ymap = sampleMap(c.ymap, l.ImageHeight, h)
	c.identityX = l.ImageWidth == w
	// A fresh canvas is black, and the letterbox margins are never drawn on.
	c.canvas = make([]byte, 3*l.Width*l.Height)
	c.row = make([]float32, 3*l.ImageWidth)
	c.yuv = image.NewYCbCr(image.Rect(0, 0, l.Width, l.Height), image.YCbCrSubsampleRatio420)
}

// sampleMap maps each of n output positions to the source pixel under its centre.
func sampleMap(m []int, n, src int) []int {
	m = m[:0]
	for i := 0; i < n; i++ {
		m = append(m, min((2*i+1)*src/(2*n), src-1))
	}
	return m
}

func (c *composer) drawTile(tile int, name string, f *Frame) {
	l := c.layout
	iw := l.ImageWidth
	stride := 3 * l.Width
	for ty, sy := range c.ymap {
		off := (l.ImageY+ty)*stride + 3*(tile*l.TileWidth+l.ImageX)
		dst := c.canvas[off : off+3*iw : off+3*iw]
		srow := sy * f.Width
		switch name {
		case TileCamera:
			c.cameraRow(dst, f.RGB, srow)
		case TileDepth:
			colormap.DepthTurboRGB(c.gather(f.Depth, srow, 1), dst)
		case TileNormals:
			colormap.NormalsRGB(c.gather(f.Normals, srow, 3), dst)
		case TileMetric:
			c.metricRow(dst, f.Metric, srow)
		}
	}
}

func (c *composer) cameraRow(dst, rgb []byte, srow int) {
	if rgb == nil {
		for i := range dst {
			dst[i] = 128
		}
		return
	}
	if c.identityX {
		copy(dst, rgb[3*srow:3*(srow+len(c.xmap))])
		return
	}
	for tx, sx := range c.xmap {
		s := rgb[3*(srow+sx) : 3*(srow+sx)+3 : 3*(srow+sx)+3]
		d := dst[3*tx : 3*tx+3 : 3*tx+3]
		d[0], d[1], d[2] = s[0], s[1], s[2]
	}
}

// gather copies the sampled values of one source row into c.row.
func (c *composer) gather(src []float32, srow, ch int) []float32 {
	n := len(c.xmap)
	if c.identityX {
		// Same width: the source row itself (read only; c.row when it must change).
		return src[ch*srow : ch*(srow+n) : ch*(srow+n)]
	}
	r := c.row[:ch*n]
	if ch == 1 {
		for tx, sx := range c.xmap {
			r[tx] = src[srow+sx]
		}
		return r
	}
	for tx, sx := range c.xmap {
		s := src[3*(srow+sx) : 3*(srow+sx)+3 : 3*(srow+sx)+3]
		d := r[3*tx : 3*tx+3 : 3*tx+3]
		d[0], d[1], d[2] = s[0], s[1], s[2]
	}
	return r
}

// metricRow colours metres on a fixed 0..MetricMaxMetres Turbo scale; no
// metric depth yet (alignment not holding) leaves the tile black.
func (c *composer) metricRow(dst []byte, metric []float32, srow int) {
	if metric == nil {
		clear(dst)
		return
	}
	src := c.gather(metric, srow, 1)
	r := c.row[:len(src)] // never scale the caller's slice in place
	inv := 1 / c.metricMax
	for i, m := range src {
		r[i] = m * inv // NaN stays NaN and comes out black
	}
	colormap.DepthTurboRGB(r, dst)
}
