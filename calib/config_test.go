package calib

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestConfigValidate(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	cases := []struct {
		key  string
		edit func(*Config)
	}{
		{"align_space", func(c *Config) { c.Space = 7 }},
		{"align_min_points", func(c *Config) { c.MinPoints = 1 }},
		{"align_min_range", func(c *Config) { c.MinRange = -1 }},
		{"align_min_range", func(c *Config) { c.MinRange = math.NaN() }},
		{"align_max_range", func(c *Config) { c.MaxRange = c.MinRange }},
		{"align_max_range", func(c *Config) { c.MaxRange = math.Inf(1) }},
		{"align_smoothing", func(c *Config) { c.Smoothing = 1 }},
		{"align_smoothing", func(c *Config) { c.Smoothing = -0.1 }},
		{"align_smoothing", func(c *Config) { c.Smoothing = math.NaN() }},
		{"align_max_age", func(c *Config) { c.MaxAge = 0 }},
		{"align_inlier_threshold", func(c *Config) { c.InlierThreshold = 0 }},
		{"align_edge_threshold", func(c *Config) { c.EdgeThreshold = 2 }},
		{"align_jump_tolerance", func(c *Config) { c.JumpTolerance = 0 }},
		{"align_jump_frames", func(c *Config) { c.JumpFrames = 0 }},
	}
	for _, tc := range cases {
		t.Run(tc.key, func(t *testing.T) {
			c := DefaultConfig()
			tc.edit(&c)
			err := c.Validate()
			if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), tc.key+" =") {
				t.Fatalf("err = %v, want ErrConfig naming %s", err, tc.key)
			}
			if _, err := NewAligner(c); !errors.Is(err, ErrConfig) {
				t.Fatalf("NewAligner accepted it: %v", err)
			}
		})
	}
}

func TestParseSpace(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Space
		err  bool
	}{{"depth", SpaceDepth, false}, {"disparity", SpaceDisparity, false}, {"inverse", 0, true}, {"", 0, true}} {
		got, err := ParseSpace(tc.in)
		if (err != nil) != tc.err || (!tc.err && (got != tc.want || got.String() != tc.in)) {
			t.Fatalf("ParseSpace(%q) = %v, %v", tc.in, got, err)
		}
	}
}
