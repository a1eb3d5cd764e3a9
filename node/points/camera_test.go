package points

import (
	"math"
	"testing"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
)

func TestIntrinsics(t *testing.T) {
	good := func() *sensor_msgs.CameraInfo {
		return &sensor_msgs.CameraInfo{Width: 640, Height: 480, K: [9]float64{500, 0, 319.5, 0, 501, 239.5, 0, 0, 1}}
	}
	for _, c := range []struct {
		name   string
		edit   func(*sensor_msgs.CameraInfo)
		nilMsg bool
		reason string
	}{
		{name: "good", edit: func(*sensor_msgs.CameraInfo) {}},
		{name: "none", nilMsg: true, reason: ReasonNoCameraInfo},
		{name: "zero fx", edit: func(m *sensor_msgs.CameraInfo) { m.K[0] = 0 }, reason: ReasonIntrinsics},
		{name: "NaN fy", edit: func(m *sensor_msgs.CameraInfo) { m.K[4] = math.NaN() }, reason: ReasonIntrinsics},
		{name: "negative fy", edit: func(m *sensor_msgs.CameraInfo) { m.K[4] = -501 }, reason: ReasonIntrinsics},
		{name: "infinite cx", edit: func(m *sensor_msgs.CameraInfo) { m.K[2] = math.Inf(1) }, reason: ReasonIntrinsics},
		{name: "unset size", edit: func(m *sensor_msgs.CameraInfo) { m.Width, m.Height = 0, 0 }, reason: ReasonCameraInfoSize},
		{name: "other height", edit: func(m *sensor_msgs.CameraInfo) { m.Height = 360 }, reason: ReasonCameraInfoSize},
	} {
		t.Run(c.name, func(t *testing.T) {
			var m *sensor_msgs.CameraInfo
			if !c.nilMsg {
				m = good()
				c.edit(m)
			}
			k, reason, err := intrinsics(m, 640, 480)
			if reason != c.reason || (err == nil) != (c.reason == "") {
				t.Fatalf("reason %q, err %v; want %q", reason, err, c.reason)
			}
			if c.reason == "" && (k.Fx != 500 || k.Fy != 501 || k.Cx != 319.5 || k.Cy != 239.5) {
				t.Fatalf("K read as %+v", k)
			}
		})
	}
}
