package inference

import (
	"fmt"
	"strings"
)

// NormalsConvention is the axis convention a normals model emits (metadata normals_convention).
type NormalsConvention int

const (
	// ConventionE2EFT is E2E-FT's: +x = surface faces left, +y = faces up, +z = faces the camera.
	ConventionE2EFT NormalsConvention = iota
	// ConventionMarigold is Marigold's own normals checkpoint: E2E-FT with x mirrored.
	ConventionMarigold
)

// ParseNormalsConvention parses the metadata value ("" means the default, e2e-ft).
func ParseNormalsConvention(s string) (NormalsConvention, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "e2e-ft", "e2eft":
		return ConventionE2EFT, nil
	case "marigold":
		return ConventionMarigold, nil
	}
	return 0, fmt.Errorf("unknown normals convention %q", s)
}

// String is the metadata spelling of the convention.
func (c NormalsConvention) String() string {
	if c == ConventionMarigold {
		return "marigold"
	}
	return "e2e-ft"
}

// opticalSigns are the per-axis factors from the model's native axes to the optical frame
// (REP-103 x right, y down, z forward, normal toward the camera).
func (c NormalsConvention) opticalSigns() [3]float32 {
	if c == ConventionMarigold {
		// Marigold's +x already points right (surface faces right), so only y and z flip.
		return [3]float32{1, -1, -1}
	}
	return [3]float32{-1, -1, -1}
}

// ToNative maps an optical-frame normal back to the model's native convention (for display as
// (n+1)/2*255, the way the reference visualises normals).
func (c NormalsConvention) ToNative(x, y, z float32) (float32, float32, float32) {
	s := c.opticalSigns()
	return s[0] * x, s[1] * y, s[2] * z
}
