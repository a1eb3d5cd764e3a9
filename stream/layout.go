package stream

// Tile names, in the order the tiles appear left to right.
const (
	TileCamera  = "camera"
	TileDepth   = "depth"
	TileNormals = "normals"
	TileMetric  = "metric"
)

// Layout is how a preview frame is split into side-by-side tiles; the page
// receives it with every frame to label tiles and map the pointer.
type Layout struct {
	Tiles      []string `json:"tiles"`
	TileWidth  int      `json:"tile_w"`
	TileHeight int      `json:"tile_h"`
	Width      int      `json:"w"`
	Height     int      `json:"h"`
}

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
	// I420 needs even sizes; round the aspect-preserving height to even.
	h := (f.Height*tileWidth + f.Width) / (2 * f.Width) * 2
	h = max(h, 2)
	return Layout{Tiles: tiles, TileWidth: tileWidth, TileHeight: h, Width: len(tiles) * tileWidth, Height: h}
}

// same reports whether two layouts produce the same frame.
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
