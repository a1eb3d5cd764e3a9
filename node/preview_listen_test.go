package node

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/internal/rostest"
)

// TestPreviewPortTaken: when ~preview_addr cannot be listened on, the node
// says so once, warns in /diagnostics and still publishes depth.
func TestPreviewPortTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	m := rostest.StartMaster(t)
	n, lg := startNode(t, m, "_depth_model:="+fixture(t, "depth_mean.onnx"), "_processing_res:=0", "_preview_addr:="+addr)
	if !lg.contains("preview disabled: cannot serve ~preview_addr \"" + addr + "\"") {
		t.Fatal("no log line saying the preview is disabled and why")
	}
	ps := previewOf(t, n)
	if ps.Server() != nil || ps.Wants().Any() {
		t.Fatal("a preview that could not listen is serving or wants output")
	}
	d := ps.Diagnostics()
	if len(d) != 1 || d[0].Level != diagnostic_msgs.DiagnosticStatus_WARN || !strings.Contains(d[0].Message, "address already in use") {
		t.Fatalf("diagnostics %+v, want a WARN saying the address is in use", d)
	}

	peer := newPeer(t, m)
	out := subscribe[sensor_msgs.Image](t, peer, "/depth/relative")
	img, _ := testImage(8, 6, 0, time.Unix(42, 0), "cam")
	keepPublishing(t, publisher[sensor_msgs.Image](t, peer, "/image"), img)
	recv(t, out, "depth/relative with the preview disabled", nil)
}
