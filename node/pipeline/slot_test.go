package pipeline

import (
	"context"
	"testing"
)

func TestLatestSlot(t *testing.T) {
	l := newSlot()
	a, b := &arrival{}, &arrival{}
	if l.put(a) {
		t.Fatal("first put replaced something")
	}
	if !l.put(b) {
		t.Fatal("second put did not report the skipped message")
	}
	got, ok := l.take(t.Context())
	if !ok || got != b {
		t.Fatal("take did not return the newest message")
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, ok := l.take(ctx); ok {
		t.Fatal("take on an empty slot with a cancelled context returned a message")
	}
}
