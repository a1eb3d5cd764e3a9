package diag

import (
	"testing"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"
)

func TestAddersAndRate(t *testing.T) {
	var st diagnostic_msgs.DiagnosticStatus
	kv, u := Adders(&st)
	kv("published", u(42))
	if len(st.Values) != 1 || st.Values[0].Key != "published" || st.Values[0].Value != "42" {
		t.Fatalf("values %+v", st.Values)
	}
	for _, c := range []struct {
		cur, prev uint64
		dt        float64
		want      string
	}{{30, 0, 2, "15.0"}, {5, 5, 1, "0.0"}, {3, 9, 1, "0.0"}, {9, 3, 0, "0.0"}, {10, 0, 3, "3.3"}} {
		if got := Rate(c.cur, c.prev, c.dt); got != c.want {
			t.Errorf("Rate(%d, %d, %v) = %s, want %s", c.cur, c.prev, c.dt, got, c.want)
		}
	}
}
