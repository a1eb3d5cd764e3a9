package node

import (
	"errors"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	pt "github.com/depthnode/depthnode/internal/paramtable"

	"github.com/depthnode/depthnode/node/params"
	"github.com/depthnode/depthnode/node/reconfigure"
)

// TestReconfigParamsFollowTheTable: every row but the secret ones (the preview token, which
// dynparam would print to anyone on the graph) is described, live exactly where the row says
// .Live(), with the row's type, group, bounds and choices.
func TestReconfigParamsFollowTheTable(t *testing.T) {
	got := reconfigParams()
	var rows []*pt.Param[params.Params]
	for _, row := range params.Table {
		if !row.IsSecret() {
			rows = append(rows, row)
		}
	}
	if len(got) != len(rows) || len(rows) == len(params.Table) {
		t.Fatalf("%d parameters described, the table has %d, %d of them not secret", len(got), len(params.Table), len(rows))
	}
	by := map[string]reconfigure.Param{}
	for i, p := range got {
		by[p.Name] = p
		if row := rows[i]; row.Name() != p.Name || row.IsLive() != p.Live || row.GroupName() != p.Group {
			t.Errorf("%s: described as %+v", row.Name(), p)
		}
	}
	if _, shown := by["preview_token"]; shown {
		t.Error("dynamic_reconfigure describes ~preview_token")
	}
	if _, shown := paramValues(params.Defaults())["preview_token"]; shown {
		t.Error("dynamic_reconfigure carries ~preview_token's value")
	}
	for _, c := range []struct {
		name     string
		typ      reconfigure.Type
		min, max any
		live     bool
	}{
		{"jpeg_quality", reconfigure.Int, 1, 100, true},
		{"processing_res", reconfigure.Int, -1, 8192, true},
		{"align_smoothing", reconfigure.Double, 0.0, 1.0, true},
		{"align_min_points", reconfigure.Int, 2, nil, true},
		{"depth_stretch", reconfigure.Bool, nil, nil, true},
		{"device", reconfigure.Str, nil, nil, false},
		{"threads", reconfigure.Int, 0, 1024, false},
	} {
		p := by[c.name]
		if p.Type != c.typ || p.Min != c.min || p.Max != c.max || p.Live != c.live {
			t.Errorf("%s: %+v, want type %s, range %v..%v, live %v", c.name, p, c.typ, c.min, c.max, c.live)
		}
	}
	if e := by["align_space"].Enum; len(e) != 2 || e[0].Value != "depth" || e[1].Name != "disparity" {
		t.Errorf("align_space's enum %+v", e)
	}
	if live := liveNames(); len(live) < 10 || strings.Contains(strings.Join(live, " "), "device") {
		t.Errorf("live parameters %v", live)
	}
	if _, err := reconfigure.New(reconfigure.ServerConf{Namespace: "/n", Params: got, Apply: nil}); !errors.Is(err, reconfigure.ErrBadParams) ||
		!strings.Contains(err.Error(), "Apply") {
		// The descriptions themselves pass the server's checks; only the missing Apply and Node are refused.
		t.Errorf("the table's descriptions: %v", err)
	}
}

// TestWithChanges: the changes are applied as a whole after Params.Validate, so checks between
// parameters and the table's open bounds hold, and a refusal leaves the parameters as they were.
func TestWithChanges(t *testing.T) {
	cur := params.Defaults()
	cur.DepthModel = "m.onnx"
	for _, c := range []struct {
		name    string
		changes map[string]any
		refused string // "" = accepted
	}{
		{"several", map[string]any{"jpeg_quality": 40, "depth_stretch": false, "align_smoothing": 0.5}, ""},
		{"min above max", map[string]any{"align_min_range": 5.0, "align_max_range": 2.0}, "~align_max_range"},
		{"open bound", map[string]any{"align_smoothing": 1.0}, "~align_smoothing"},
		{"odd tile width", map[string]any{"preview_width": 321, "jpeg_quality": 50}, "~preview_width"},
	} {
		t.Run(c.name, func(t *testing.T) {
			next, err := withChanges(cur, c.changes)
			if c.refused != "" {
				if !errors.Is(err, params.ErrBadParam) || !strings.Contains(err.Error(), c.refused) || next != cur {
					t.Fatalf("err %v, params changed %v; want a refusal naming %s", err, next != cur, c.refused)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			v := paramValues(next)
			for k, want := range c.changes {
				if v[k] != want {
					t.Errorf("%s = %v, want %v", k, v[k], want)
				}
			}
		})
	}
}

// TestApplyLiveWhileFramesRead runs Apply (serialised, as the server runs it) against readers
// that take the parameters once per "frame", as the stages do: under the race detector no
// reader may see half of a change that set two parameters together.
func TestApplyLiveWhileFramesRead(t *testing.T) {
	p := params.Defaults()
	p.DepthModel, p.JPEGQuality, p.PreviewBitrate = "m.onnx", 20, 2100
	n := &Node{live: params.NewLive(p), log: slog.New(slog.DiscardHandler)}
	var serial sync.Mutex
	var torn atomic.Int32
	stop := make(chan struct{})
	var readers sync.WaitGroup
	for r := 0; r < 4; r++ {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if q := n.live.Get(); q.PreviewBitrate != 100*(q.JPEGQuality+1) {
					torn.Add(1)
				}
			}
		}()
	}
	var writers sync.WaitGroup
	for w := 0; w < 4; w++ {
		writers.Add(1)
		go func(w int) {
			defer writers.Done()
			for i := 0; i < 200; i++ {
				q := 1 + (w*200+i)%100
				serial.Lock()
				_, _ = n.applyLive(map[string]any{"jpeg_quality": q, "preview_bitrate": 100 * (q + 1)})
				serial.Unlock()
			}
		}(w)
	}
	writers.Wait()
	close(stop)
	readers.Wait()
	if torn.Load() != 0 {
		t.Errorf("%d reads saw half a change", torn.Load())
	}
}
