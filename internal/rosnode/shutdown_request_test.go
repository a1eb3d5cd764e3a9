package rosnode

import "testing"

// TestShutdownRequestReasons feeds the lines goroslib logs for what rosmaster and rosnode send.
func TestShutdownRequestReasons(t *testing.T) {
	tests := []struct {
		name, line      string
		done, nameTaken bool
	}{
		{"rosnode kill", "got shutdown request from /rosnode: user request", true, false},
		{"name taken", "got shutdown request from /master: [/cam/depthnode] Reason: new node registered with same name", true, true},
		{"other line", "publisher /x: connection closed", false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := NewShutdownRequest()
			if s.NameTaken() {
				t.Fatal("NameTaken before any request")
			}
			s.Observe(tc.line)
			select {
			case <-s.Done():
				if !tc.done {
					t.Fatal("done on an unrelated line")
				}
			default:
				if tc.done {
					t.Fatal("not done")
				}
			}
			if s.NameTaken() != tc.nameTaken {
				t.Fatalf("NameTaken = %v, want %v", s.NameTaken(), tc.nameTaken)
			}
		})
	}
}
