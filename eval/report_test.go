package eval

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestReportOutputs(t *testing.T) {
	r := Report{Preset: "synthetic", Frames: 2,
		Depth:   &DepthSummary{Images: 2, AbsRel: 0.05, Delta1: 0.97},
		Normals: &NormalsSummary{Pixels: 10, Mean: 12.5, Median: 9, Under11: 55, Under22: 80, Under30: 90}}
	raw, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if *back.Depth != *r.Depth || *back.Normals != *r.Normals || back.Preset != r.Preset {
		t.Errorf("JSON round trip = %+v, want %+v", back, r)
	}
	for _, key := range []string{`"abs_rel"`, `"delta1"`, `"mean_deg"`, `"median_deg"`, `"pct_under_11_25"`} {
		if !bytes.Contains(raw, []byte(key)) {
			t.Errorf("JSON %s lacks %s", raw, key)
		}
	}
	var table strings.Builder
	if err := r.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	for _, row := range []string{"depth AbsRel", "depth delta1", "normals mean", "normals median", "normals < 30"} {
		if !strings.Contains(table.String(), row) {
			t.Errorf("table lacks %q:\n%s", row, table.String())
		}
	}
}
