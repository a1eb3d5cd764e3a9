package params

import (
	"fmt"
	"slices"
	"strings"

	"github.com/depthnode/depthnode/internal/rosargs"
)

// MaxCameras bounds ~cameras: each camera costs three frames of buffers.
const MaxCameras = 16

// CameraNames splits ~cameras at spaces and commas; "" gives one unnamed camera, the node's
// own namespace.
func CameraNames(s string) []string {
	names := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' })
	if len(names) == 0 {
		return []string{""}
	}
	return names
}

func checkCameras(v any) error {
	names := CameraNames(v.(string))
	if len(names) > MaxCameras {
		return fmt.Errorf("at most %d cameras, got %d", MaxCameras, len(names))
	}
	for i, n := range names {
		if n == "" {
			continue
		}
		if strings.HasPrefix(n, "~") || !rosargs.ValidName(n) {
			return fmt.Errorf("%q is not a camera namespace (a relative or absolute ROS name)", n)
		}
		if slices.Contains(names[:i], n) {
			return fmt.Errorf("camera %q named twice", n)
		}
	}
	return nil
}
