package cloud

// PointField datatypes as sensor_msgs/PointField numbers them.
const (
	Int8    uint8 = 1 // INT8
	Uint8   uint8 = 2 // UINT8
	Int16   uint8 = 3 // INT16
	Uint16  uint8 = 4 // UINT16
	Int32   uint8 = 5 // INT32
	Uint32  uint8 = 6 // UINT32
	Float32 uint8 = 7 // FLOAT32
	Float64 uint8 = 8 // FLOAT64
)

// Field describes one field of a point, as sensor_msgs/PointField does.
type Field struct {
	Name     string
	Offset   uint32
	Datatype uint8
	Count    uint32
}

// Byte offsets of pcl::PointXYZRGBNormal, read from PCL's point_types.hpp.
// The struct is three 16-byte aligned unions (EIGEN_ALIGN16):
//
//	0..15  PCL_ADD_POINT4D:  x, y, z, then data[3] (the homogeneous 1.0f)
//	16..31 PCL_ADD_NORMAL4D: normal_x, normal_y, normal_z, then data_n[3] (0.0f)
//	32..47 data_c[4]:        rgb (packed in a float), curvature, two unused floats
//
// so sizeof is 48, and pcl::toROSMsg (which keeps the padding) copies each
// point's 48 bytes as they are, with point_step 48 and the fields in the order
// POINT_CLOUD_REGISTER_POINT_STRUCT lists them: x y z normal_x normal_y
// normal_z rgb curvature. Every field is FLOAT32, count 1.
const (
	OffsetX         = 0
	OffsetY         = 4
	OffsetZ         = 8
	OffsetW         = 12 // padding: PCL's homogeneous coordinate, 1.0
	OffsetNormalX   = 16
	OffsetNormalY   = 20
	OffsetNormalZ   = 24
	OffsetNormalPad = 28 // padding: 0.0
	OffsetRGB       = 32
	OffsetCurvature = 36
	OffsetTailPad   = 40 // padding: 8 bytes of zeros up to the 16-byte boundary
	PointStep       = 48
)

// Fields returns the PointCloud2 fields of pcl::PointXYZRGBNormal in
// pcl::toROSMsg's order; each call returns a fresh slice.
func Fields() []Field {
	f := func(name string, off uint32) Field {
		return Field{Name: name, Offset: off, Datatype: Float32, Count: 1}
	}
	return []Field{
		f("x", OffsetX), f("y", OffsetY), f("z", OffsetZ),
		f("normal_x", OffsetNormalX), f("normal_y", OffsetNormalY), f("normal_z", OffsetNormalZ),
		f("rgb", OffsetRGB), f("curvature", OffsetCurvature),
	}
}

// PackRGB returns PCL's packed colour: the bits 0x00RRGGBB of the float rgb
// field (on a little-endian wire: b, g, r, 0). The alpha byte is left 0, as in
// PCL's documented packing, rather than the 255 PCL's constructor stores:
// 0xFF in the top byte makes the float a NaN whenever red >= 128, and a reader
// that widens the float to a double may quieten a signalling NaN and so flip
// bit 22, red's bit 6. Readers take r, g, b from the low 24 bits either way.
func PackRGB(r, g, b uint8) uint32 {
	return uint32(r)<<16 | uint32(g)<<8 | uint32(b)
}
