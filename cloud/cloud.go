package cloud

// Cloud holds the sensor_msgs/PointCloud2 fields of a built cloud
// (little-endian, so is_bigendian is false).
type Cloud struct {
	Width, Height uint32
	// Fields is shared by every cloud of a Builder: read it, do not modify it.
	Fields    []Field
	PointStep uint32
	RowStep   uint32
	// Data is the dst passed to Build, grown when it was too small.
	Data    []byte
	IsDense bool
}

// Len is the number of points, Width*Height.
func (c Cloud) Len() int { return int(c.Width) * int(c.Height) }
