package synth

import "math"

// toneSteps is the resolution of the tone table per unit of sqrt(radiance).
const toneSteps = 1024

// toneTable caches toneCurve at sqrt(radiance) = i/toneSteps up to 4
// (radiance 16, far past white): the curve costs a Pow and an Exp per
// channel, the table one square root.
var toneTable = func() [4*toneSteps + 1]uint8 {
	var t [4*toneSteps + 1]uint8
	for i := range t {
		r := float64(i) / toneSteps
		t[i] = toneCurve(r * r)
	}
	return t
}()

// toneCurve maps linear radiance to an 8-bit sRGB-like value: a soft
// shoulder instead of hard clipping, then gamma 2.2.
func toneCurve(x float64) uint8 {
	y := math.Pow(1-math.Exp(-1.4*x), 1/2.2)
	return uint8(math.Min(255, math.Round(y*255)))
}

// toneMap is toneCurve through the table (nearest entry).
func toneMap(x float64) uint8 {
	if !(x > 0) {
		return 0
	}
	i := int(math.Sqrt(x)*toneSteps + 0.5)
	if i >= len(toneTable) {
		return toneTable[len(toneTable)-1]
	}
	return toneTable[i]
}
