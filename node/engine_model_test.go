package node

import "testing"

func TestBatchCameras(t *testing.T) {
	for _, c := range []struct {
		setting, device string
		want            bool
	}{
		{"auto", "cpu", false}, {"auto", "cuda:0", true}, {"auto", "tensorrt:1", true},
		{"on", "cpu", true}, {"off", "cuda:0", false},
	} {
		if got := batchCameras(c.setting, c.device); got != c.want {
			t.Errorf("camera_batch %s on %s = %v, want %v", c.setting, c.device, got, c.want)
		}
	}
}
