package points

import (
	"github.com/depthnode/depthnode/cloud"
	"github.com/depthnode/depthnode/node/params"
)

// cloudOptions are the cloud options the parameters in force choose.
func cloudOptions(p params.Params) cloud.Options {
	return cloud.Options{
		Stride:        p.PointsStride,
		Organized:     p.PointsOrganized,
		MinRange:      p.PointsMinRange,
		MaxRange:      p.PointsMaxRange,
		EdgeThreshold: p.PointsEdgeThreshold,
	}
}
