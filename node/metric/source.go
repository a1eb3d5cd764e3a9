package metric

import (
	"fmt"

	"github.com/depthnode/depthnode/calib"
	"github.com/depthnode/depthnode/node/params"
)

// Sources of metric depth (~align_source), also what diagnostics and the preview name as the
// source holding the fit.
const (
	SourceLidar  = "lidar"
	SourceGround = "ground"
	SourceAuto   = "auto"
)

// floorParams is the floor the parameters give when TF has none: Floor is set with
// ~camera_height and a pitch or roll; HeightOnly with ~camera_height alone (up is then
// estimated from the normals); neither when ~camera_height is 0.
type floorParams struct {
	floor      *calib.Floor
	heightOnly float64
}

// groundSetup checks at start what the floor fit needs and reads the parameters' floor; an
// error is one line naming the parameters.
func groundSetup(p params.Params) (floorParams, error) {
	var fp floorParams
	if p.NormalsModel == "" {
		return fp, fmt.Errorf("%w ~align_source:=%s: floor pixels are found by their normals, so it needs ~normals_model (the same file as ~depth_model for a combined model such as models/demo.onnx)",
			params.ErrBadParam, p.AlignSource)
	}
	if p.GroundFrame == "" && p.CameraHeight == 0 {
		return fp, fmt.Errorf("%w ~align_source:=%s: the floor needs ~ground_frame (a TF frame, z up, origin on the floor) or ~camera_height",
			params.ErrBadParam, p.AlignSource)
	}
	if p.CameraHeight == 0 {
		if p.CameraPitch != params.AngleUnset || p.CameraRoll != params.AngleUnset {
			return fp, fmt.Errorf("%w ~camera_pitch/~camera_roll: they need ~camera_height (m above the floor)", params.ErrBadParam)
		}
		return fp, nil
	}
	if p.CameraPitch == params.AngleUnset && p.CameraRoll == params.AngleUnset {
		fp.heightOnly = p.CameraHeight
		return fp, nil
	}
	pitch, roll := p.CameraPitch, p.CameraRoll
	if pitch == params.AngleUnset {
		pitch = 0
	}
	if roll == params.AngleUnset {
		roll = 0
	}
	fl, err := calib.FloorFromAttitude(p.CameraHeight, pitch, roll)
	if err != nil {
		return fp, fmt.Errorf("%w ~camera_height/~camera_pitch/~camera_roll: %w", params.ErrBadParam, err)
	}
	fp.floor = &fl
	return fp, nil
}
