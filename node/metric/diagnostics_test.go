package metric

import (
	"strings"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"

	"github.com/depthnode/depthnode/calib"
	"github.com/depthnode/depthnode/node/internal/nodetest"
)

// TestMetricStatus: OK while a fit holds or was lost only briefly, WARN
// once frames have gone without metric depth for longer than staleAfter.
func TestMetricStatus(t *testing.T) {
	t0 := time.Unix(1000, 0)
	fit := calib.Report{ScaleShift: calib.ScaleShift{Scale: 6.14, Shift: 1.03}, Points: 900, Inliers: 880, ResidualRMS: 0.012, Age: 40 * time.Millisecond}
	tests := []struct {
		name    string
		st      Stats
		now     time.Time
		level   int8
		message string
	}{
		{name: "no frames yet", st: Stats{Started: t0}, now: t0.Add(time.Minute), level: diagnostic_msgs.DiagnosticStatus_OK, message: "waiting"},
		{name: "fit holds", st: Stats{Started: t0, Frames: 5, Fits: 5, LastFit: true, LastFitAt: t0.Add(time.Second), Report: fit, HaveReport: true},
			now: t0.Add(time.Minute), level: diagnostic_msgs.DiagnosticStatus_OK, message: "depth = 6.14*relative +1.03"},
		{name: "lost briefly", st: Stats{Started: t0, Frames: 6, Fits: 5, LastFitAt: t0.Add(time.Second), Report: fit, HaveReport: true, LastReason: ReasonNoCloud},
			now: t0.Add(2 * time.Second), level: diagnostic_msgs.DiagnosticStatus_OK, message: "no fit this frame: " + ReasonNoCloud},
		{name: "lost for a while", st: Stats{Started: t0, Frames: 90, Fits: 5, LastFitAt: t0.Add(time.Second), Report: fit, HaveReport: true, LastReason: ReasonTF},
			now: t0.Add(time.Second + staleAfter + time.Second), level: diagnostic_msgs.DiagnosticStatus_WARN, message: "no fit for 6 s: " + ReasonTF},
		{name: "never fitted", st: Stats{Started: t0, Frames: 90, LastReason: ReasonNoCameraInfo},
			now: t0.Add(staleAfter + time.Second), level: diagnostic_msgs.DiagnosticStatus_WARN, message: ReasonNoCameraInfo},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := tc.st.Status("/n: metric depth", tc.now)
			if d.Level != tc.level || !strings.Contains(d.Message, tc.message) || d.Name != "/n: metric depth" {
				t.Fatalf("status %d %q, want %d containing %q", d.Level, d.Message, tc.level, tc.message)
			}
			if tc.st.HaveReport && (nodetest.Value(d, "scale") != "6.1400" || nodetest.Value(d, "inliers") != "880" || nodetest.Value(d, "residual RMS (m)") != "0.012") {
				t.Fatalf("values %+v", d.Values)
			}
		})
	}
}
