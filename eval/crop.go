package eval

// Rect is a half-open pixel window: columns [X0,X1), rows [Y0,Y1).
type Rect struct {
	X0, Y0, X1, Y1 int
}

// Contains reports whether pixel (x,y) lies inside the window.
func (r Rect) Contains(x, y int) bool { return x >= r.X0 && x < r.X1 && y >= r.Y0 && y < r.Y1 }

// Crop returns the evaluated window of a w x h image.
type Crop func(w, h int) Rect

// FullFrame evaluates every pixel.
func FullFrame(w, h int) Rect { return Rect{0, 0, w, h} }

// EigenCrop is NYUv2's evaluation window rows [45:471], columns [41:601] of the 640x480 frame.
// Other sizes get the same window scaled proportionally (integer arithmetic, so 640x480 is exact).
func EigenCrop(w, h int) Rect {
	return Rect{X0: 41 * w / 640, Y0: 45 * h / 480, X1: 601 * w / 640, Y1: 471 * h / 480}
}

// GargCrop is KITTI's evaluation window as fractions of the frame, truncated like the
// reference code's int(fraction*size).
func GargCrop(w, h int) Rect {
	return Rect{
		X0: int(0.03594771 * float64(w)),
		Y0: int(0.40810811 * float64(h)),
		X1: int(0.96405229 * float64(w)),
		Y1: int(0.99189189 * float64(h)),
	}
}
