package rosnode

import "testing"

func TestRestartDetector(t *testing.T) {
	up := func(run string, known bool) masterPoll { return masterPoll{reachable: true, runID: run, known: known} }
	down := masterPoll{}
	tests := []struct {
		name  string
		polls []masterPoll
		want  []int // indexes of the polls that report a restart
	}{
		{"steady", []masterPoll{up("a", true), up("a", true), up("a", true)}, nil},
		{"not yet registered", []masterPoll{up("a", false), up("a", false), up("a", true)}, nil},
		{"restart seen down", []masterPoll{up("a", true), down, down, up("b", false), up("b", false), up("b", true), up("b", true)}, []int{3}},
		{"restart between polls", []masterPoll{up("a", true), up("b", false), up("b", true)}, []int{1}},
		{"bare rosmaster, no run_id", []masterPoll{up("", true), down, up("", false), up("", true)}, []int{2}},
		{"run_id changed, node already back", []masterPoll{up("a", true), up("b", true), up("b", true)}, []int{1}},
		{"two restarts", []masterPoll{up("a", true), down, up("b", false), up("b", true), down, up("c", false), up("c", true)}, []int{2, 5}},
		{"node unregistered by someone, then back", []masterPoll{up("a", true), up("a", false), up("a", false), up("a", true)}, []int{1}},
		{"master down from the start", []masterPoll{down, down, up("a", true)}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var d restartDetector
			var got []int
			for i, p := range tc.polls {
				if d.observe(p) {
					got = append(got, i)
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("events at %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("events at %v, want %v", got, tc.want)
				}
			}
		})
	}
}
