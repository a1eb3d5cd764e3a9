package rosargs

import (
	"errors"
	"testing"
)

func TestNames(t *testing.T) {
	tests := []struct {
		name, ns, node string
		remaps         map[string]string
		in, want       string
	}{
		{name: "root relative", ns: "", node: "depthnode", in: "image", want: "/image"},
		{name: "namespace relative", ns: "/cam", node: "depthnode", in: "depth/relative", want: "/cam/depth/relative"},
		{name: "relative namespace", ns: "cam/", node: "d", in: "image", want: "/cam/image"},
		{name: "absolute", ns: "/cam", node: "d", in: "/diagnostics", want: "/diagnostics"},
		{name: "private", ns: "/cam", node: "d", in: "~depth_model", want: "/cam/d/depth_model"},
		{name: "relative remap in namespace", ns: "/cam", node: "d", remaps: map[string]string{"image": "image_raw"}, in: "image", want: "/cam/image_raw"},
		{name: "absolute remap", ns: "/cam", node: "d", remaps: map[string]string{"/cam/image": "/other/img"}, in: "image", want: "/other/img"},
		{name: "remap to absolute", ns: "/", node: "d", remaps: map[string]string{"image": "/camera/image_raw"}, in: "image", want: "/camera/image_raw"},
		{name: "remap by absolute name to relative", ns: "/sim", node: "cam", remaps: map[string]string{"/sim/points": "velodyne_points"}, in: "points", want: "/sim/velodyne_points"},
		{name: "unrelated remap", ns: "/", node: "d", remaps: map[string]string{"points": "/velodyne_points"}, in: "image", want: "/image"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n, err := NewNames(tc.ns, tc.node, tc.remaps)
			if err != nil {
				t.Fatal(err)
			}
			if got := n.Resolve(tc.in); got != tc.want {
				t.Fatalf("Resolve(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	for _, bad := range []struct{ ns, node string }{{"/a b", "d"}, {"/", "a/b"}, {"/", ""}, {"/~x", "d"}, {"/", "~d"}} {
		if _, err := NewNames(bad.ns, bad.node, nil); !errors.Is(err, ErrBadName) {
			t.Errorf("NewNames(%q, %q) err = %v, want ErrBadName", bad.ns, bad.node, err)
		}
	}
}
