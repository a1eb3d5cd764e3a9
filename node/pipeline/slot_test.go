package pipeline

import "testing"

func TestSlot(t *testing.T) {
	signal := make(chan struct{}, 1)
	l := newSlot(signal)
	a, b := &arrival{}, &arrival{}
	if l.put(a) {
		t.Fatal("first put replaced something")
	}
	if !l.put(b) {
		t.Fatal("second put did not report the skipped message")
	}
	if len(signal) != 1 {
		t.Fatal("no signal after put")
	}
	if got := l.take(); got != b {
		t.Fatal("take did not return the newest message")
	}
	if got := l.take(); got != nil {
		t.Fatal("take on an empty slot returned a message")
	}
}
