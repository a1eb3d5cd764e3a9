package rosargs

import (
	"errors"
	"testing"
)

func TestNewConnection(t *testing.T) {
	tests := []struct {
		name               string
		args               []string
		env                map[string]string
		wantAddr, wantHost string
		wantNode           string
		wantErr            error
	}{
		{name: "defaults", wantAddr: "localhost:11311", wantNode: "/depthnode"},
		{name: "env uri with slash", env: map[string]string{"ROS_MASTER_URI": "http://10.1.2.3:11411/"}, wantAddr: "10.1.2.3:11411", wantNode: "/depthnode"},
		{name: "env uri without slash or port", env: map[string]string{"ROS_MASTER_URI": "http://master"}, wantAddr: "master:11311", wantNode: "/depthnode"},
		{name: "__master wins", args: []string{"__master:=http://a:1"}, env: map[string]string{"ROS_MASTER_URI": "http://b:2/"}, wantAddr: "a:1", wantNode: "/depthnode"},
		{name: "ROS_IP", env: map[string]string{"ROS_IP": "127.0.0.1"}, wantAddr: "localhost:11311", wantHost: "127.0.0.1", wantNode: "/depthnode"},
		{name: "hostname over ip", env: map[string]string{"ROS_IP": "127.0.0.1", "ROS_HOSTNAME": "localhost"}, wantAddr: "localhost:11311", wantHost: "localhost", wantNode: "/depthnode"},
		{name: "__ip over env", args: []string{"__ip:=127.0.0.2"}, env: map[string]string{"ROS_HOSTNAME": "localhost"}, wantAddr: "localhost:11311", wantHost: "127.0.0.2", wantNode: "/depthnode"},
		{name: "__hostname over __ip", args: []string{"__ip:=127.0.0.2", "__hostname:=box"}, wantAddr: "localhost:11311", wantHost: "box", wantNode: "/depthnode"},
		{name: "namespace and name", args: []string{"__name:=front", "__ns:=/cams/"}, env: map[string]string{"ROS_NAMESPACE": "/other"}, wantAddr: "localhost:11311", wantNode: "/cams/front"},
		{name: "ROS_NAMESPACE", env: map[string]string{"ROS_NAMESPACE": "robot"}, wantAddr: "localhost:11311", wantNode: "/robot/depthnode"},
		{name: "no scheme", env: map[string]string{"ROS_MASTER_URI": "localhost:11311"}, wantErr: ErrBadMaster},
		{name: "https", args: []string{"__master:=https://x:1/"}, wantErr: ErrBadMaster},
		{name: "bad name", args: []string{"__name:=a/b"}, wantErr: ErrBadName},
		{name: "bad namespace", env: map[string]string{"ROS_NAMESPACE": "a b"}, wantErr: ErrBadName},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Parse(tc.args)
			if err != nil {
				t.Fatal(err)
			}
			c, err := NewConnection(a, func(k string) string { return tc.env[k] }, "depthnode")
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.MasterAddr != tc.wantAddr || c.Host != tc.wantHost || c.Names.FullNode() != tc.wantNode {
				t.Fatalf("got addr %q host %q node %q, want %q %q %q", c.MasterAddr, c.Host, c.Names.FullNode(), tc.wantAddr, tc.wantHost, tc.wantNode)
			}
		})
	}
}
