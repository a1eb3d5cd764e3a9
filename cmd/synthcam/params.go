package main

import (
	pt "github.com/depthnode/depthnode/internal/paramtable"
)

// paramTable lists synthcam's private parameters (~name). Their defaults are the flags'
// (NoDefault): a parameter only overrides what the command line set.
var paramTable = pt.Table[options]{
	pt.Float("rate", 0, func(o *options) *float64 { return &o.rate }).NoDefault().Doc("publishing rate (Hz)"),
	pt.Int64("seed", 0, func(o *options) *int64 { return &o.cfg.Seed }).NoDefault().Doc("random seed"),
	pt.Int("width", 0, func(o *options) *int { return &o.cfg.Width }).NoDefault().Doc("image width (pixels)"),
	pt.Int("height", 0, func(o *options) *int { return &o.cfg.Height }).NoDefault().Doc("image height (pixels)"),
	pt.Int("scene_frames", 0, func(o *options) *int { return &o.cfg.FramesPerScene }).NoDefault().Doc("frames per scene (0 = one scene)"),
	pt.Int("stride", 0, func(o *options) *int { return &o.cfg.Stride }).NoDefault().Doc("path steps between frames"),
	pt.String("scenes", "", func(o *options) *string { return &o.scenes }).NoDefault().Doc("mixed, indoor or outdoor"),
	pt.String("camera_frame", "", func(o *options) *string { return &o.cameraID }).NoDefault().Doc("camera frame_id"),
	pt.String("lidar_frame", "", func(o *options) *string { return &o.lidarID }).NoDefault().Doc("LiDAR frame_id"),
	pt.String("world_frame", "", func(o *options) *string { return &o.worldID }).NoDefault().Doc(`world frame_id of /tf camera poses ("" = none)`),
	pt.String("ground_frame", "", func(o *options) *string { return &o.groundID }).NoDefault().Doc(`floor frame_id on /tf: origin on the floor under the camera, z up ("" = none)`),
	pt.Int("lidar_beams", 0, func(o *options) *int { return &o.beams }).NoDefault().Doc("LiDAR beams (0 = no LiDAR)"),
	pt.Int("lidar_columns", 0, func(o *options) *int { return &o.columns }).NoDefault().Doc("LiDAR firings per revolution"),
	pt.Float("lidar_noise", 0, func(o *options) *float64 { return &o.noise }).NoDefault().Doc("LiDAR range noise (m, std)"),
	pt.Float("lidar_drop", 0, func(o *options) *float64 { return &o.dropRate }).NoDefault().Doc("probability of a dropped return"),
}

// applyParams sets the options from values (parameter name -> value); unknown names are
// reported so typos do not pass silently. The values' ranges are checked by finish.
func applyParams(o *options, values map[string]any) error {
	if err := paramTable.SetAll(o, values, nil, "from _%s:= or the parameter server"); err != nil {
		return err
	}
	return o.finish()
}
