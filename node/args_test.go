package node

import (
	"errors"
	"reflect"
	"testing"
)

func TestParseArgs(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    Args
		wantErr error
	}{
		{
			name: "roslaunch line",
			args: []string{"image:=image_raw", "__name:=front_depth", "__log:=/tmp/x.log", "_processing_res:=512", "_device:=cpu"},
			want: Args{
				Remaps:    map[string]string{"image": "image_raw"},
				Params:    map[string]any{"processing_res": 512, "device": "cpu"},
				ParamText: map[string]string{"processing_res": "512", "device": "cpu"},
				Name:      "front_depth",
			},
		},
		{
			name: "specials",
			args: []string{"__ns:=/cam", "__master:=http://h:1/", "__ip:=10.0.0.1", "__hostname:=box", "__unknown:=x"},
			want: Args{
				Remaps: map[string]string{}, Params: map[string]any{}, ParamText: map[string]string{},
				Namespace: "/cam", Master: "http://h:1/", IP: "10.0.0.1", Hostname: "box",
			},
		},
		{
			name: "typed params",
			args: []string{"_a:=1.5", "_b:=true", "_c:=False", "_d:='12'", "_e:=hello world", "_f:=-3", "_g:=inf"},
			want: Args{
				Remaps:    map[string]string{},
				Params:    map[string]any{"a": 1.5, "b": true, "c": false, "d": "12", "e": "hello world", "f": -3, "g": "inf"},
				ParamText: map[string]string{"a": "1.5", "b": "true", "c": "False", "d": "'12'", "e": "hello world", "f": "-3", "g": "inf"},
			},
		},
		{name: "help", args: []string{"image:=x", "-h"}, wantErr: ErrHelp},
		{name: "long help", args: []string{"--help"}, wantErr: ErrHelp},
		{name: "stray word", args: []string{"image"}, wantErr: ErrBadArgument},
		{name: "bad remap", args: []string{"image:=bad name"}, wantErr: ErrBadArgument},
		{name: "bad param name", args: []string{"_9x:=1"}, wantErr: ErrBadArgument},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseArgs(tc.args)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got  %#v\nwant %#v", got, tc.want)
			}
		})
	}
}

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
		{name: "unrelated remap", ns: "/", node: "d", remaps: map[string]string{"points": "/velodyne_points"}, in: "image", want: "/image"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n, err := newNames(tc.ns, tc.node, tc.remaps)
			if err != nil {
				t.Fatal(err)
			}
			if got := n.resolve(tc.in); got != tc.want {
				t.Fatalf("resolve(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	for _, bad := range []struct{ ns, node string }{{"/a b", "d"}, {"/", "a/b"}, {"/", ""}, {"/~x", "d"}} {
		if _, err := newNames(bad.ns, bad.node, nil); !errors.Is(err, ErrBadName) {
			t.Errorf("newNames(%q, %q) err = %v, want ErrBadName", bad.ns, bad.node, err)
		}
	}
}

func TestConnection(t *testing.T) {
	tests := []struct {
		name               string
		args               []string
		env                map[string]string
		wantAddr, wantHost string
		wantNode           string
		wantErr            bool
	}{
		{name: "defaults", wantAddr: "localhost:11311", wantNode: "/depthnode"},
		{name: "env uri with slash", env: map[string]string{"ROS_MASTER_URI": "http://10.1.2.3:11411/"}, wantAddr: "10.1.2.3:11411", wantNode: "/depthnode"},
		{name: "env uri without slash or port", env: map[string]string{"ROS_MASTER_URI": "http://master"}, wantAddr: "master:11311", wantNode: "/depthnode"},
		{name: "__master wins", args: []string{"__master:=http://a:1"}, env: map[string]string{"ROS_MASTER_URI": "http://b:2/"}, wantAddr: "a:1", wantNode: "/depthnode"},
		{name: "ROS_IP", env: map[string]string{"ROS_IP": "127.0.0.1"}, wantAddr: "localhost:11311", wantHost: "127.0.0.1", wantNode: "/depthnode"},
		{name: "hostname over ip", env: map[string]string{"ROS_IP": "127.0.0.1", "ROS_HOSTNAME": "localhost"}, wantAddr: "localhost:11311", wantHost: "localhost", wantNode: "/depthnode"},
		{name: "__ip over env", args: []string{"__ip:=127.0.0.2"}, env: map[string]string{"ROS_HOSTNAME": "localhost"}, wantAddr: "localhost:11311", wantHost: "127.0.0.2", wantNode: "/depthnode"},
		{name: "namespace and name", args: []string{"__name:=front", "__ns:=/cams/"}, env: map[string]string{"ROS_NAMESPACE": "/other"}, wantAddr: "localhost:11311", wantNode: "/cams/front"},
		{name: "ROS_NAMESPACE", env: map[string]string{"ROS_NAMESPACE": "robot"}, wantAddr: "localhost:11311", wantNode: "/robot/depthnode"},
		{name: "no scheme", env: map[string]string{"ROS_MASTER_URI": "localhost:11311"}, wantErr: true},
		{name: "https", args: []string{"__master:=https://x:1/"}, wantErr: true},
		{name: "bad name", args: []string{"__name:=a/b"}, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := ParseArgs(tc.args)
			if err != nil {
				t.Fatal(err)
			}
			cfg := Config{Args: a, Getenv: func(k string) string { return tc.env[k] }}
			c, err := cfg.connection()
			if tc.wantErr {
				if err == nil {
					t.Fatalf("no error, want one")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.masterAddr != tc.wantAddr || c.host != tc.wantHost || c.names.fullNode() != tc.wantNode {
				t.Fatalf("got addr %q host %q node %q, want %q %q %q", c.masterAddr, c.host, c.names.fullNode(), tc.wantAddr, tc.wantHost, tc.wantNode)
			}
		})
	}
}
