package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/depthnode/depthnode/synth"
)

// options are synthcam's command-line flags.
type options struct {
	cfg       synth.Config
	write     string
	frames    int
	rate      float64
	cameraID  string
	lidarID   string
	worldID   string
	lidarXYZ  string
	scenes    string
	beams     int
	columns   int
	noise     float64
	dropRate  float64
	maxRange  float64
	rosArgs   []string
	rateGiven bool
}

// parseOptions splits ROS arguments (anything with ":=") from flags and
// parses the flags.
func parseOptions(args []string, out io.Writer) (*options, error) {
	o := &options{cfg: synth.DefaultConfig()}
	fs := flag.NewFlagSet("synthcam", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.IntVar(&o.cfg.Width, "width", o.cfg.Width, "image width in pixels")
	fs.IntVar(&o.cfg.Height, "height", o.cfg.Height, "image height in pixels")
	fs.Int64Var(&o.cfg.Seed, "seed", o.cfg.Seed, "random seed: same seed, same bytes")
	fs.IntVar(&o.cfg.FramesPerScene, "scene-frames", -1, "frames per scene before a new scene (0 = one scene for ever; default 600 live, 4 with -write)")
	fs.IntVar(&o.cfg.Stride, "stride", 0, "path steps between frames (default 1 live, 40 with -write)")
	fs.StringVar(&o.scenes, "scenes", "mixed", "scene kinds: mixed, indoor or outdoor")
	fs.IntVar(&o.cfg.Workers, "workers", 0, "render goroutines (0 = GOMAXPROCS)")
	fs.StringVar(&o.write, "write", "", "write a data set into this folder and exit (no ROS)")
	fs.IntVar(&o.frames, "frames", 100, "frames to write with -write")
	fs.Float64Var(&o.rate, "rate", 10, "publishing rate in Hz (also the private parameter ~rate)")
	fs.StringVar(&o.cameraID, "camera-frame", "camera_optical", "camera frame_id (also ~camera_frame)")
	fs.StringVar(&o.lidarID, "lidar-frame", "lidar", "LiDAR frame_id (also ~lidar_frame)")
	fs.StringVar(&o.worldID, "world-frame", "world", "world frame_id of the camera poses on /tf (also ~world_frame; \"\" = no /tf)")
	fs.IntVar(&o.beams, "lidar-beams", o.cfg.Lidar.Beams, "LiDAR beams (0 = no LiDAR)")
	fs.IntVar(&o.columns, "lidar-columns", o.cfg.Lidar.Columns, "LiDAR firings per revolution")
	fs.Float64Var(&o.noise, "lidar-noise", o.cfg.Lidar.RangeNoise, "LiDAR range noise, standard deviation in metres")
	fs.Float64Var(&o.dropRate, "lidar-drop", o.cfg.Lidar.DropRate, "probability of a dropped LiDAR return")
	fs.Float64Var(&o.maxRange, "lidar-max-range", o.cfg.Lidar.MaxRange, "LiDAR maximum range in metres")
	fs.StringVar(&o.lidarXYZ, "lidar-xyz", "", "LiDAR origin in the camera optical frame, \"x y z\" metres (default \"0 -0.12 -0.05\")")
	var flags []string
	for _, a := range args {
		if strings.Contains(a, ":=") {
			o.rosArgs = append(o.rosArgs, a)
		} else {
			flags = append(flags, a)
		}
	}
	if err := fs.Parse(flags); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	fs.Visit(func(f *flag.Flag) { o.rateGiven = o.rateGiven || f.Name == "rate" })
	if o.cfg.FramesPerScene < 0 {
		o.cfg.FramesPerScene = 600
		if o.write != "" {
			o.cfg.FramesPerScene = 4
		}
	}
	if o.cfg.Stride == 0 {
		o.cfg.Stride = 1
		if o.write != "" {
			o.cfg.Stride = 40
		}
	}
	o.cfg.Scenes = synth.SceneKind(o.scenes)
	o.cfg.Lidar.Beams = o.beams
	o.cfg.Lidar.Columns = o.columns
	o.cfg.Lidar.RangeNoise = o.noise
	o.cfg.Lidar.DropRate = o.dropRate
	o.cfg.Lidar.MaxRange = o.maxRange
	if o.lidarXYZ != "" {
		var t synth.Vec3
		if _, err := fmt.Sscanf(o.lidarXYZ, "%g %g %g", &t.X, &t.Y, &t.Z); err != nil {
			return nil, fmt.Errorf("-lidar-xyz %q: want \"x y z\": %w", o.lidarXYZ, err)
		}
		o.cfg.Lidar.CameraFromLidar.T = t
	}
	if o.write != "" && o.frames < 1 {
		return nil, fmt.Errorf("-frames %d: want at least 1", o.frames)
	}
	return o, o.cfg.Validate()
}
