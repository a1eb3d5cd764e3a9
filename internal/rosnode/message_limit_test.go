package rosnode

import (
	"bytes"
	"strings"
	"testing"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/protocommon"
)

// TestImageMessageBytes checks the formula against goroslib's own encoder.
func TestImageMessageBytes(t *testing.T) {
	tests := []struct {
		frame, enc    string
		width, height int
		bpp           int
	}{
		{"", "mono8", 1, 1, 1},
		{"cam", "rgb8", 64, 48, 3},
		{"camera_optical_frame", "32FC1", 33, 7, 4},
	}
	for _, tc := range tests {
		t.Run(tc.enc, func(t *testing.T) {
			step := tc.width * tc.bpp
			img := &sensor_msgs.Image{Header: std_msgs.Header{FrameId: tc.frame}, Height: uint32(tc.height),
				Width: uint32(tc.width), Encoding: tc.enc, Step: uint32(step), Data: make([]uint8, step*tc.height)}
			var buf bytes.Buffer
			if err := protocommon.MessageEncode(&buf, img); err != nil {
				t.Fatal(err)
			}
			want := int64(buf.Len() - 4)
			if got := ImageMessageBytes(len(tc.frame), len(tc.enc), step, tc.height); got != want {
				t.Fatalf("ImageMessageBytes = %d, goroslib encodes %d", got, want)
			}
		})
	}
}

func TestOversizeReason(t *testing.T) {
	uhd := ImageMessageBytes(3, 4, 3*3840, 2160)
	tests := []struct {
		name   string
		size   int64
		wantOK bool
		want   []string
	}{
		{"1080p rgb8", ImageMessageBytes(3, 4, 3*1920, 1080), false, nil},
		{"exactly the limit", GoroslibMaxMessageBytes, false, nil},
		{"one byte over", GoroslibMaxMessageBytes + 1, true, []string{"16777217 bytes"}},
		{"4K rgb8", uhd, true, []string{
			"a message over goroslib's 16 MiB limit was refused on /cam/image_raw",
			"/camera_driver sends 24883244 bytes (23.7 MiB)", "retries every 5 s"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := OversizeReason("/cam/image_raw", "/camera_driver", tc.size)
			if ok != tc.wantOK {
				t.Fatalf("ok = %v, want %v (%q)", ok, tc.wantOK, got)
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("%q lacks %q", got, w)
				}
			}
		})
	}
}
