package stream

// Tile names, in the order the tiles appear left to right.
const (
	TileCamera  = "camera"
	TileDepth   = "depth"
	TileNormals = "normals"
	TileMetric  = "metric"
)

// minTileHeight keeps a very wide camera's tiles tall enough to see and
// point at; the image itself is letterboxed inside.
const minTileHeight = 16

// Layout is how a preview frame is split into side-by-side tiles; the page
// receives it with every frame to label tiles and map the pointer. Each
// tile shows the camera image scaled, aspect kept, into the rectangle
// Image* (pillarboxed or letterboxed in black when the aspect is extreme).
type Layout struct {
	Tiles      []string `json:"tiles"`
	TileWidth  int      `json:"tile_w"`
	TileHeight int      `json:"tile_h"`
	Width      int      `json:"w"`
	Height     int      `json:"h"`
	// ImageX, ImageY, ImageWidth and ImageHeight place the image in each tile.
	ImageX      int `json:"img_x"`
	ImageY      int `json:"img_y"`
	ImageWidth  int `json:"img_w"`
	ImageHeight int `json:"img_h"`
	// Rows names the cameras stacked in each tile, top to bottom (absent for one camera).
	Rows []string `json:"rows,omitempty"`
}

// maxTileHeight is the tallest tile for a tile width: a 4:3 box. A 4:3 or
// wider camera (nearly all of them) fills the tile width; a taller one is
// pillarboxed, so a 2x4096 image costs what a 4:3 one does, not 2048x more.
func maxTileHeight(tileWidth int) int { return tileWidth * 3 / 4 &^ 1 }

// layoutFor picks the tiles a frame fills and their size. The metric tile
// stays while alignment is enabled, even without a fit, so the video size
// (and the encoder) does not change each time the fit comes and goes.
func layoutFor(f *Frame, tileWidth int) Layout {
	tiles := []string{TileCamera}
	if f.Depth != nil {
		tiles = append(tiles, TileDepth)
	}
	if f.Normals != nil {
		tiles = append(tiles, TileNormals)
	}
	if f.Metric != nil || f.Stats.Align.Enabled {
		tiles = append(tiles, TileMetric)
	}
	l := Layout{Tiles: tiles, TileWidth: tileWidth, Rows: f.Rows}
	l.ImageWidth, l.ImageHeight = fitImage(f.Width, f.Height, tileWidth, maxTileHeight(tileWidth)*max(len(f.Rows), 1))
	l.TileHeight = max(l.ImageHeight, minTileHeight)
	l.ImageX, l.ImageY = (tileWidth-l.ImageWidth)/2&^1, (l.TileHeight-l.ImageHeight)/2&^1
	l.Width, l.Height = len(tiles)*tileWidth, l.TileHeight
	return l
}

// fitImage scales a w x h image, aspect kept, to fit a boxW x boxH box
// (both even): the result is even (I420 needs whole 2x2 chroma blocks) and
// at least 2x2, however thin the image.
func fitImage(w, h, boxW, boxH int) (fw, fh int) {
	if w*boxH >= h*boxW { // as wide as the box or wider: fill the width
		return boxW, evenRound(h*boxW, w, boxH)
	}
	return evenRound(w*boxH, h, boxW), boxH
}

// evenRound is num/den rounded to the nearest even integer in [2, hi].
func evenRound(num, den, hi int) int {
	return min(max((num+den)/(2*den)*2, 2), hi)
}

// same reports whether two layouts produce the same frame size and tiles
// (the image rectangle follows from the camera size, which the composer
// compares itself).
func (l Layout) same(o Layout) bool {
	if l.Width != o.Width || l.Height != o.Height || len(l.Tiles) != len(o.Tiles) {
		return false
	}
	for i := range l.Tiles {
		if l.Tiles[i] != o.Tiles[i] {
			return false
		}
	}
	return true
}
