package eval

import (
	"fmt"
	"math"
	"sort"
)

// Preset is a data set's evaluation settings: the valid ground-truth depth range (exclusive at
// both ends, as in the reference protocol) and the evaluated window.
type Preset struct {
	Name     string
	MinDepth float64
	MaxDepth float64
	Crop     Crop
}

// presets are the reference protocol's data sets plus our synthetic one, whose depth PNGs store
// millimetres in 16 bits: 65.535 m is a saturated reading, so it is excluded like the caps are.
var presets = map[string]Preset{
	"nyuv2":     {Name: "nyuv2", MinDepth: 1e-3, MaxDepth: 10, Crop: EigenCrop},
	"kitti":     {Name: "kitti", MinDepth: 1e-5, MaxDepth: 80, Crop: GargCrop},
	"eth3d":     {Name: "eth3d", MinDepth: 1e-5, MaxDepth: math.Inf(1), Crop: FullFrame},
	"scannet":   {Name: "scannet", MinDepth: 1e-3, MaxDepth: 10, Crop: FullFrame},
	"diode":     {Name: "diode", MinDepth: 0.6, MaxDepth: 350, Crop: FullFrame},
	"synthetic": {Name: "synthetic", MinDepth: 1e-3, MaxDepth: 65.535, Crop: FullFrame},
}

// LookupPreset returns the preset of a data set by name.
func LookupPreset(name string) (Preset, error) {
	p, ok := presets[name]
	if !ok {
		return Preset{}, fmt.Errorf("%w %q (known: %v)", ErrUnknownPreset, name, PresetNames())
	}
	return p, nil
}

// PresetNames lists the known presets in alphabetical order.
func PresetNames() []string {
	names := make([]string, 0, len(presets))
	for n := range presets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ValidMask marks the pixels of a w x h ground-truth depth map that are evaluated: inside the
// crop and strictly inside the depth range (which also drops 0 = missing and NaN).
func (p Preset) ValidMask(gt []float32, w, h int) ([]bool, error) {
	if len(gt) != w*h {
		return nil, fmt.Errorf("%w: ground truth has %d values for %dx%d", ErrSizeMismatch, len(gt), w, h)
	}
	crop := p.Crop
	if crop == nil {
		crop = FullFrame
	}
	r := crop(w, h)
	mask := make([]bool, len(gt))
	for y := max(r.Y0, 0); y < r.Y1 && y < h; y++ {
		for x := max(r.X0, 0); x < r.X1 && x < w; x++ {
			g := float64(gt[y*w+x])
			mask[y*w+x] = g > p.MinDepth && g < p.MaxDepth
		}
	}
	return mask, nil
}
