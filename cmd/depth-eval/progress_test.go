package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestProgressLine(t *testing.T) {
	tests := []struct {
		name        string
		done, total int
		elapsed     time.Duration
		wantFilled  int
		wantSuffix  string
	}{
		{name: "start", done: 0, total: 10, elapsed: 0, wantFilled: 0, wantSuffix: "0/10 frames"},
		// 3 of 12 frames in 6 s: 0.5 frames/s, 9 frames left = 18 s.
		{name: "quarter", done: 3, total: 12, elapsed: 6 * time.Second, wantFilled: 7, wantSuffix: "3/12 frames  0.5 frames/s  18s left"},
		{name: "done", done: 5, total: 5, elapsed: time.Second, wantFilled: progressWidth, wantSuffix: "5/5 frames  5.0 frames/s  0s left"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			line := progressLine(tc.done, tc.total, tc.elapsed)
			if got := strings.Count(line, "#"); got != tc.wantFilled {
				t.Errorf("%q: %d cells filled, want %d", line, got, tc.wantFilled)
			}
			if !strings.HasSuffix(line, tc.wantSuffix) {
				t.Errorf("%q does not end with %q", line, tc.wantSuffix)
			}
		})
	}
}

func TestProgressBarOnlyOnTerminals(t *testing.T) {
	tests := []struct {
		mode      string
		wantDrawn bool
	}{{"auto", false}, {"never", false}, {"always", true}}
	for _, tc := range tests {
		t.Run(tc.mode, func(t *testing.T) {
			var buf bytes.Buffer // not a terminal
			p := newProgressBar(&buf, 2, tc.mode)
			p.update(1)
			p.finish()
			if drawn := buf.Len() > 0; drawn != tc.wantDrawn {
				t.Errorf("drawn = %v (%q), want %v", drawn, buf.String(), tc.wantDrawn)
			}
		})
	}
}
