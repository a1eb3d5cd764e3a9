package main

import (
	"errors"
	"fmt"
)

// errParamType is wrapped when a private parameter has the wrong type.
var errParamType = errors.New("wrong parameter type")

// param is one private parameter and the option it sets.
type param struct {
	name, doc string
	set       func(v any) error
}

// privateParams lists synthcam's private parameters (~name), bound to o.
func privateParams(o *options) []param {
	return []param{
		{"rate", "publishing rate (Hz)", floatParam(&o.rate)},
		{"seed", "random seed", func(v any) error {
			var i int
			err := intParam(&i)(v)
			o.cfg.Seed = int64(i)
			return err
		}},
		{"width", "image width (pixels)", intParam(&o.cfg.Width)},
		{"height", "image height (pixels)", intParam(&o.cfg.Height)},
		{"scene_frames", "frames per scene (0 = one scene)", intParam(&o.cfg.FramesPerScene)},
		{"stride", "path steps between frames", intParam(&o.cfg.Stride)},
		{"scenes", "mixed, indoor or outdoor", func(v any) error {
			var s string
			err := stringParam(&s)(v)
			o.scenes = s
			return err
		}},
		{"camera_frame", "camera frame_id", stringParam(&o.cameraID)},
		{"lidar_frame", "LiDAR frame_id", stringParam(&o.lidarID)},
		{"world_frame", "world frame_id of /tf camera poses (\"\" = none)", stringParam(&o.worldID)},
		{"lidar_beams", "LiDAR beams (0 = no LiDAR)", intParam(&o.beams)},
		{"lidar_columns", "LiDAR firings per revolution", intParam(&o.columns)},
		{"lidar_noise", "LiDAR range noise (m, std)", floatParam(&o.noise)},
		{"lidar_drop", "probability of a dropped return", floatParam(&o.dropRate)},
	}
}

func intParam(p *int) func(any) error {
	return func(v any) error {
		i, ok := v.(int)
		if !ok {
			return fmt.Errorf("%w: %v (%T), want an int", errParamType, v, v)
		}
		*p = i
		return nil
	}
}

// floatParam accepts ints too, as rosparam users write _rate:=10.
func floatParam(p *float64) func(any) error {
	return func(v any) error {
		switch x := v.(type) {
		case float64:
			*p = x
		case int:
			*p = float64(x)
		default:
			return fmt.Errorf("%w: %v (%T), want a number", errParamType, v, v)
		}
		return nil
	}
}

func stringParam(p *string) func(any) error {
	return func(v any) error {
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("%w: %v (%T), want a string", errParamType, v, v)
		}
		*p = s
		return nil
	}
}

// applyParams sets the options from values (parameter name -> value);
// unknown names are reported so typos do not pass silently.
func applyParams(o *options, values map[string]any) error {
	known := map[string]param{}
	for _, p := range privateParams(o) {
		known[p.name] = p
	}
	for name, v := range values {
		p, ok := known[name]
		if !ok {
			return fmt.Errorf("unknown private parameter ~%s (see -h)", name)
		}
		if err := p.set(v); err != nil {
			return fmt.Errorf("~%s: %w", name, err)
		}
	}
	return o.finish()
}
