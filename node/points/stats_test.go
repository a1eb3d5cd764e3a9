package points

import (
	"testing"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"

	"github.com/depthnode/depthnode/cloud"
)

func TestStatus(t *testing.T) {
	value := func(d diagnostic_msgs.DiagnosticStatus, k string) string {
		for _, kv := range d.Values {
			if kv.Key == k {
				return kv.Value
			}
		}
		return ""
	}
	st := Stats{Refused: map[string]uint64{}}
	if d := st.Status("n"); d.Level != diagnostic_msgs.DiagnosticStatus_OK || value(d, "clouds published") != "0" {
		t.Fatalf("fresh: %+v", d)
	}
	st.add(cloud.Report{Points: 10, Invalid: 1, OutOfRange: 2, Edge: 3, Normals: true})
	st.add(cloud.Report{Points: 5, Edge: 1})
	d := st.Status("n")
	for k, want := range map[string]string{"clouds published": "2", "points kept": "15", "removed: invalid depth": "1",
		"removed: out of range": "2", "removed: edge (flying pixels)": "4", "last cloud points": "5",
		"last cloud normals": "none (no normals model): 0,0,0"} {
		if got := value(d, k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	st.Refused[ReasonIntrinsics]++
	st.LastReason = ReasonIntrinsics
	if d := st.Status("n"); d.Level != diagnostic_msgs.DiagnosticStatus_WARN || value(d, "refused camera_info total") != "1" {
		t.Fatalf("after a refusal: %+v", d)
	}
	st.add(cloud.Report{Points: 1})
	if d := st.Status("n"); d.Level != diagnostic_msgs.DiagnosticStatus_OK {
		t.Fatalf("a good cloud after the refusal still warns: %+v", d)
	}
}
