package synth

import "math"

// Path is a smooth camera trajectory: the camera drives around an ellipse
// like a robot, heading along it while panning left and right, with its
// height and tilt swaying slowly. Steps are frames at the nominal rate.
type Path struct {
	// Centre is the ellipse's centre (z ignored).
	Centre Vec3
	// RadiusX and RadiusY are the ellipse's half axes (metres).
	RadiusX, RadiusY float64
	// Phase is the angle along the ellipse at step 0; Omega the angle per step
	// (negative drives clockwise).
	Phase, Omega float64
	// Height is the mean camera height above the floor; HeightSway its amplitude.
	Height, HeightSway float64
	// Pitch is the mean downward tilt (radians); PitchSway its amplitude.
	Pitch, PitchSway float64
	// YawOffset turns the view away from the heading; Pan is the amplitude
	// of the left-right look-around at PanOmega radians per step.
	YawOffset, Pan, PanOmega float64
}

// Position returns the camera centre at step s.
func (p Path) Position(s float64) Vec3 {
	a := p.Phase + p.Omega*s
	return Vec3{
		p.Centre.X + p.RadiusX*math.Cos(a),
		p.Centre.Y + p.RadiusY*math.Sin(a),
		p.Height + p.HeightSway*math.Sin(0.37*p.PanOmega*s+1),
	}
}

// Pose returns the camera's optical frame in the world (world <- optical):
// columns x right, y down, z forward.
func (p Path) Pose(s float64) Pose {
	a := p.Phase + p.Omega*s
	// Heading is the ellipse's tangent in the direction of travel.
	tx, ty := -p.RadiusX*math.Sin(a)*p.Omega, p.RadiusY*math.Cos(a)*p.Omega
	yaw := math.Atan2(ty, tx) + p.YawOffset + p.Pan*math.Sin(p.PanOmega*s)
	return Pose{R: opticalRotation(yaw, p.Tilt(s)), T: p.Position(s)}
}

// Tilt returns the camera's downward pitch (radians) at step s.
func (p Path) Tilt(s float64) float64 { return p.Pitch + p.PitchSway*math.Sin(0.61*p.PanOmega*s+2) }

// opticalRotation returns world <- optical for a camera looking along yaw
// (from world +x toward +y) and tilted down by pitch, without roll.
func opticalRotation(yaw, pitch float64) Mat3 {
	sy, cy := math.Sincos(yaw)
	sp, cp := math.Sincos(pitch)
	forward := Vec3{cy * cp, sy * cp, -sp}
	right := Vec3{sy, -cy, 0}
	down := forward.Cross(right)
	return Columns(right, down, forward)
}
