package calib

import (
	"errors"
	"fmt"
	"runtime"
	"testing"
	"time"
)

func tfLinkAt(parent, child string, sec float64) StampedTransform {
	return StampedTransform{Parent: parent, Child: child, Stamp: stampOf(sec),
		Transform: Transform{Translation: Vec3{X: 1}, Rotation: IdentityQuaternion}}
}

// TestTFBufferStaysBounded feeds 200k made-up frame ids, as a misbehaving
// publisher (a fresh id per message) would: the buffer must keep a bounded
// number of frames and a few MB, while the live tree keeps working.
func TestTFBufferStaysBounded(t *testing.T) {
	cases := []struct {
		name string
		dt   float64 // seconds between made-up ids' stamps
		// wantExpired and wantEvicted: which mechanism must have dropped them.
		wantExpired, wantEvicted bool
	}{
		{"one_stamp", 0, false, true},     // all at one stamp: only the cap can help
		{"10ms_apart", 1e-2, true, false}, // 10 s of stamps hold 1000 ids: expiry alone bounds it
		{"10us_apart", 1e-5, false, true}, // 10 s would hold 1M ids: the cap bites
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			runtime.GC()
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			b, err := NewTFBuffer(TFBufferConfig{MaxFrames: 4096})
			if err != nil {
				t.Fatal(err)
			}
			if err := b.Add(tfLinkAt("base_link", "camera", 0), true); err != nil {
				t.Fatal(err)
			}
			const n = 200000
			sec := 1.0
			for i := 0; i < n; i++ {
				sec += tc.dt
				if err := b.Add(tfLinkAt("odom", fmt.Sprintf("junk_%d", i), sec), false); err != nil {
					t.Fatal(err)
				}
				if i%100 == 0 { // the robot's own moving link keeps being published
					if err := b.Add(tfLinkAt("odom", "base_link", sec), false); err != nil {
						t.Fatal(err)
					}
				}
			}
			if err := b.Add(tfLinkAt("odom", "base_link", sec), false); err != nil {
				t.Fatal(err)
			}
			st := b.Stats()
			runtime.GC()
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			grew := int64(after.HeapAlloc) - int64(before.HeapAlloc)
			t.Logf("%d frames, %d expired, %d evicted, heap grew %.2f MB", st.Frames, st.Expired, st.Evicted, float64(grew)/1e6)
			if st.Frames > 4096 {
				t.Fatalf("%d frames kept, cap 4096", st.Frames)
			}
			if grew > 4<<20 {
				t.Fatalf("heap grew %.1f MB for a bounded buffer", float64(grew)/1e6)
			}
			if (st.Expired > 0) != tc.wantExpired || (st.Evicted > 0) != tc.wantEvicted {
				t.Fatalf("expired %d, evicted %d: want expiry %v, eviction %v", st.Expired, st.Evicted, tc.wantExpired, tc.wantEvicted)
			}
			// The static link and the live dynamic one survive.
			if _, err := b.Lookup("odom", "camera", time.Time{}); err != nil {
				t.Fatalf("live tree lost: %v", err)
			}
			runtime.KeepAlive(b)
		})
	}
}

// TestTFBufferExpiry: a dynamic frame not updated for CacheTime (in stamps)
// is forgotten, a static one never; a jump back in time beyond CacheTime
// (a bag replayed from the start) clears the dynamic links, as tf2 does.
func TestTFBufferExpiry(t *testing.T) {
	b, err := NewTFBuffer(TFBufferConfig{CacheTime: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(b.Add(tfLinkAt("base", "static_cam", 0), true))
	must(b.Add(tfLinkAt("odom", "stale", 100), false))
	must(b.Add(tfLinkAt("odom", "base", 100), false))
	for s := 101.0; s <= 120; s++ {
		must(b.Add(tfLinkAt("odom", "base", s), false))
	}
	if _, err := b.Lookup("odom", "stale", time.Time{}); !errors.Is(err, ErrFrameUnknown) {
		t.Fatalf("stale frame after 20 s without data: err = %v, want ErrFrameUnknown", err)
	}
	if _, err := b.Lookup("odom", "static_cam", time.Time{}); err != nil {
		t.Fatalf("static link expired: %v", err)
	}
	if st := b.Stats(); st.Expired != 1 || st.Frames != 2 {
		t.Fatalf("stats %+v: want 1 expired, 2 frames", st)
	}
	must(b.Add(tfLinkAt("odom", "other", 3), false)) // replay from the start
	// "base" is still known as static_cam's parent, but no longer linked to odom.
	if _, err := b.Lookup("odom", "base", time.Time{}); !errors.Is(err, ErrNotConnected) {
		t.Fatalf("after a jump back: err = %v, want the old dynamic links cleared", err)
	}
	if _, err := b.Lookup("odom", "other", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Lookup("base", "static_cam", time.Time{}); err != nil {
		t.Fatalf("static link lost on a jump back: %v", err)
	}
}

// TestTFBufferStaticCap: static links never expire, so past the cap a new
// static frame is refused rather than growing the buffer.
func TestTFBufferStaticCap(t *testing.T) {
	b, err := NewTFBuffer(TFBufferConfig{MaxFrames: 8})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 8; i++ {
		if err := b.Add(tfLinkAt("base", fmt.Sprint("s", i), 0), true); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Add(tfLinkAt("base", "s8", 0), true); !errors.Is(err, ErrTooManyFrames) {
		t.Fatalf("err = %v, want ErrTooManyFrames", err)
	}
	if err := b.Add(tfLinkAt("base", "s3", 0), true); err != nil {
		t.Fatalf("updating a kept static frame: %v", err)
	}
	if st := b.Stats(); st.Refused != 1 || st.Frames != 8 {
		t.Fatalf("stats %+v", st)
	}
	if _, err := NewTFBuffer(TFBufferConfig{MaxFrames: -1}); !errors.Is(err, ErrConfig) {
		t.Fatalf("negative cap: err = %v", err)
	}
}
