package reconfigure

// testParams is a small table with every type, ranges, an enum, a sub-group
// and a restart-only parameter; the pure and the ROS tests share it.
func testParams() []Param {
	return []Param{
		{Name: "jpeg_quality", Type: Int, Default: 80, Min: 1, Max: 100, Description: "JPEG quality", Live: true},
		{Name: "smoothing", Type: Double, Default: 0.8, Min: 0, Max: 0.99, Description: "smoothing", Group: "align", Live: true},
		{Name: "stretch", Type: Bool, Default: true, Description: "per-frame stretch", Live: true},
		{Name: "token", Type: Str, Default: "", Description: "preview token", Group: "preview", Live: true},
		{Name: "space", Type: Str, Default: "depth", Description: "fit space", Group: "align", Live: true,
			Enum:            []EnumValue{{"depth", "depth", "metric = s*rel + t"}, {"disparity", "disparity", "1/metric = s*rel + t"}},
			EnumDescription: "what the fit is linear in"},
		{Name: "width", Type: Int, Default: 640, Min: 16, Max: 4096, Description: "tile width", Group: "preview", Live: true},
		{Name: "device", Type: Str, Default: "auto", Description: "execution provider"},
	}
}
