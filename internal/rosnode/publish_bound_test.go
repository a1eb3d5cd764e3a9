package rosnode

import (
	"runtime"
	"testing"
	"time"
)

type frame struct{ data []byte }

func TestNewPublishBoundRejectsZero(t *testing.T) {
	for _, max := range []int{0, -1} {
		if _, err := NewPublishBound[frame](max); err == nil {
			t.Errorf("max %d accepted", max)
		}
	}
}

// TestPublishBoundCountsUntilGarbage: held messages fill the bound, and
// letting them go frees it.
func TestPublishBoundCountsUntilGarbage(t *testing.T) {
	b, err := NewPublishBound[frame](2)
	if err != nil {
		t.Fatal(err)
	}
	held := []*frame{{make([]byte, 1<<20)}, {make([]byte, 1<<20)}}
	for i, f := range held {
		if !b.Admit(f) {
			t.Fatalf("frame %d refused below the bound", i)
		}
	}
	if b.Admit(&frame{}) {
		t.Fatal("third frame admitted while two are held")
	}
	if b.Admit(nil) {
		t.Fatal("nil admitted")
	}
	runtime.KeepAlive(held)
	held = nil
	deadline := time.Now().Add(5 * time.Second)
	for b.Live() > 0 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if b.Live() != 0 {
		t.Fatalf("%d still counted after they became garbage", b.Live())
	}
	if !b.Admit(&frame{}) {
		t.Fatal("refused after the held frames were collected")
	}
	if d := b.Dropped(); d != 1 {
		t.Fatalf("Dropped = %d, want 1 (nil is refused, not dropped)", d)
	}
}
