package node

import (
	"context"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/depthnode/depthnode/internal/rostest"
)

// badPreviewArgs are preview settings the node must refuse, each with the
// parameter its error has to name.
var badPreviewArgs = []struct {
	name, arg, want string
}{
	{"negative width", "_preview_width:=-640", "~preview_width"},
	{"odd width", "_preview_width:=641", "~preview_width"},
	{"bitrate too low", "_preview_bitrate:=10", "~preview_bitrate"},
	{"bitrate not a number", "_preview_bitrate:=fast", "~preview_bitrate"},
	{"garbage ICE URL", "_preview_ice_servers:=garbage", "~preview_ice_servers"},
	{"TURN without credentials", "_preview_ice_servers:=turn:relay.example:3478", "~preview_ice_servers"},
}

// refusedAtStart checks that New, against a running master, refuses each of
// badPreviewArgs with ErrBadParam naming the parameter.
func refusedAtStart(t *testing.T, m *rostest.Master) {
	model := fixture(t, "depth_mean.onnx")
	for i, c := range badPreviewArgs {
		t.Run(c.name, func(t *testing.T) {
			// A name of its own: the master shuts down a node whose name is
			// registered again, and a node may be running beside these.
			a, err := ParseArgs([]string{"__name:=refused_" + strconv.Itoa(i), "_depth_model:=" + model,
				"_preview_addr:=127.0.0.1:0", c.arg})
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			n, err := New(ctx, Config{Args: a, Getenv: masterEnv(m, nil), Log: (&testLog{t: t}).logger()})
			if err == nil {
				n.Close()
				t.Fatalf("%s accepted", c.arg)
			}
			if !errors.Is(err, ErrBadParam) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %q, want ErrBadParam naming %s", err, c.want)
			}
			t.Logf("refused: %v", err)
		})
	}
}

// TestPreviewHelp: -h lists the preview parameters with their defaults.
func TestPreviewHelp(t *testing.T) {
	var b strings.Builder
	Usage(&b)
	// The name column is as wide as the longest parameter name, so any run of spaces may
	// separate a name from its default.
	for _, want := range []string{`~preview_addr`, `~preview_width`, `~preview_token`, `~preview_bitrate +\[2000\]`, `~preview_ice_servers +\[""\]`} {
		if !regexp.MustCompile(want).MatchString(b.String()) {
			t.Errorf("-h lacks %q", want)
		}
	}
}
