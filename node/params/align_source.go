package params

// MetricOn says whether metric depth runs: ~align:=true (with ~align_source's source, LiDAR by
// default, so launch files written before ~align_source keep their meaning), or
// ~align_source:=ground or auto on its own.
func (p Params) MetricOn() bool {
	return p.Align || p.AlignSource == "ground" || p.AlignSource == "auto"
}
