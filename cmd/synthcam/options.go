package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/depthnode/depthnode/synth"
)

// options are synthcam's settings: flags, then ROS parameters.
type options struct {
	cfg      synth.Config
	write    string
	frames   int
	rate     float64
	cameraID string
	lidarID  string
	worldID  string
	groundID string
	lidarXYZ string
	scenes   string
	beams    int
	columns  int
	noise    float64
	dropRate float64
	maxRange float64
	rosArgs  []string
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
	fs.StringVar(&o.groundID, "ground-frame", "base_footprint", "floor frame_id on /tf under the camera: origin on the floor below it, z up, x along its heading (also ~ground_frame; \"\" = none; needs a world frame)")
	fs.IntVar(&o.beams, "lidar-beams", o.cfg.Lidar.Beams, "LiDAR beams (0 = no LiDAR)")
	fs.IntVar(&o.columns, "lidar-columns", o.cfg.Lidar.Columns, "LiDAR firings per revolution")
	fs.Float64Var(&o.noise, "lidar-noise", o.cfg.Lidar.RangeNoise, "LiDAR range noise, standard deviation in metres")
	fs.Float64Var(&o.dropRate, "lidar-drop", o.cfg.Lidar.DropRate, "probability of a dropped LiDAR return")
	fs.Float64Var(&o.maxRange, "lidar-max-range", o.cfg.Lidar.MaxRange, "LiDAR maximum range in metres")
	fs.StringVar(&o.lidarXYZ, "lidar-xyz", "", "LiDAR origin in the camera optical frame, \"x y z\" metres (default \"0 -0.12 -0.05\")")
	fs.Usage = func() {
		fmt.Fprint(out, `usage: synthcam [flags] [from:=to ...] [_param:=value ...] [__name:=N] [__ns:=NS] [__master:=URI]
       synthcam -write DIR -frames N [flags]

Renders synthetic indoor/outdoor scenes with exact ground truth and publishes them as a
ROS 1 camera + spinning LiDAR (stamped with node time: follows /clock under /use_sim_time),
or writes a data set (camera.json, NNNNNN_rgb.png, _depth.png in mm, _normals.png).

Topics (relative names resolve in the node's namespace; remap with from:=to):
  image                 sensor_msgs/Image rgb8
  camera_info           sensor_msgs/CameraInfo (plumb_bob, zero distortion)
  points                sensor_msgs/PointCloud2 in the LiDAR frame (x,y,z,intensity FLOAT32, organised, NaN = no return)
  ground_truth/depth    sensor_msgs/Image 32FC1, metres along the optical axis, NaN invalid
  ground_truth/normals  sensor_msgs/Image 32FC3, optical frame, pointing out of the surface
  /tf_static            camera_frame <- lidar_frame (latched)
  /tf                   world_frame <- camera_frame and world_frame <- ground_frame per frame

Private parameters (~name on the parameter server, overridden by _name:=value; both override flags):
`)
		paramTable.Usage(out)
		fmt.Fprint(out, "\nFlags:\n")
		fs.PrintDefaults()
	}
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
	if o.write != "" && o.frames < 1 {
		return nil, fmt.Errorf("-frames %d: want at least 1", o.frames)
	}
	return o, o.finish()
}

// finish derives the generator config from the option values (after flags,
// and again after ROS parameters) and validates it.
func (o *options) finish() error {
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
			return fmt.Errorf("-lidar-xyz %q: want \"x y z\": %w", o.lidarXYZ, err)
		}
		o.cfg.Lidar.CameraFromLidar.T = t
	}
	switch {
	case !(o.rate > 0):
		return fmt.Errorf("rate %g: want > 0 Hz", o.rate)
	case o.cameraID == "":
		return fmt.Errorf("camera frame_id is empty")
	case o.lidarID == "" && o.beams > 0:
		return fmt.Errorf("LiDAR frame_id is empty")
	case o.groundID != "" && (o.groundID == o.cameraID || o.groundID == o.worldID):
		return fmt.Errorf("ground frame_id %q is also the camera's or the world's", o.groundID)
	}
	return o.cfg.Validate()
}
