package points

import (
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"

	"github.com/depthnode/depthnode/cloud"
)

// pointFields is cloud.Fields as PointField messages, made once: every published cloud shares
// the slice, which goroslib only reads.
var pointFields = func() []sensor_msgs.PointField {
	var out []sensor_msgs.PointField
	for _, f := range cloud.Fields() {
		out = append(out, sensor_msgs.PointField{Name: f.Name, Offset: f.Offset, Datatype: f.Datatype, Count: f.Count})
	}
	return out
}()

// cloudMsg wraps a built cloud, whose Data it takes over, with the frame's header.
func cloudMsg(h std_msgs.Header, c cloud.Cloud) *sensor_msgs.PointCloud2 {
	return &sensor_msgs.PointCloud2{
		Header:    h,
		Height:    c.Height,
		Width:     c.Width,
		Fields:    pointFields,
		PointStep: c.PointStep,
		RowStep:   c.RowStep,
		Data:      c.Data,
		IsDense:   c.IsDense,
	}
}
