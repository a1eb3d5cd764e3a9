package metric

import (
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"

	"github.com/depthnode/depthnode/calib"
)

// Where a frame's floor came from, as diagnostics show it ("floor from").
const (
	FloorFromTF         = "tf"
	FloorFromHeldTF     = "tf (last lookup)"
	FloorFromParameters = "parameters"
	FloorFromHeight     = "camera_height, up from the normals"
)

// floorFor returns the floor for an image: TF from its frame_id to ~ground_frame at its stamp;
// else the last TF floor while younger than ~align_max_age of stamps (a transform arriving
// after the image); else the parameters' floor; else the height alone (the aligner estimates
// up). ok is false when there is none, with why saying so.
func (s *Stage) floorFor(h std_msgs.Header) (fl calib.Floor, from string, why missing, ok bool) {
	var tfErr error
	if s.groundFrame != "" && s.tf != nil {
		tr, err := s.tf.buf.Lookup(s.groundFrame, h.FrameId, h.Stamp)
		if err == nil {
			fl, err = calib.FloorFromTransform(tr)
		}
		if err == nil {
			s.lastTF, s.lastTFAt = fl, h.Stamp
			return fl, FloorFromTF, missing{}, true
		}
		tfErr = err
		s.count(func(st *Stats) { st.FloorTFErrors++ })
		if age := h.Stamp.Sub(s.lastTFAt); !s.lastTFAt.IsZero() && age >= 0 && age <= s.maxAge {
			return s.lastTF, FloorFromHeldTF, missing{}, true
		}
	}
	switch {
	case s.floorParams.floor != nil:
		return *s.floorParams.floor, FloorFromParameters, missing{}, true
	case s.floorParams.heightOnly > 0:
		return calib.Floor{Height: s.floorParams.heightOnly}, FloorFromHeight, missing{}, true
	}
	return calib.Floor{}, "", missing{ReasonNoFloor, "metric depth from the floor: no transform from the image's frame %q to ~ground_frame %q at %s (%v), and no ~camera_height",
		[]any{h.FrameId, s.groundFrame, fmtStamp(h.Stamp), tfErr}}, false
}
