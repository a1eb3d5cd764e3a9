package pipeline

import (
	"testing"
	"time"

	"github.com/depthnode/depthnode/internal/logging"
)

func startCameras(t *testing.T, m *fakeModel, s *fakeSink, cameras int) *Pipeline {
	t.Helper()
	p := New(Config{Model: m, Sink: s, Cameras: cameras, Log: logging.Printf(t.Logf)})
	p.Start()
	t.Cleanup(p.Close)
	return p
}

// TestCamerasBatchedAndFair: a camera at 20x the rate of another cannot take its place: every
// frame of the slow camera is published, frames of several cameras run as one batch, and each
// output goes to the camera it came from.
func TestCamerasBatchedAndFair(t *testing.T) {
	m := &fakeModel{latency: 4 * time.Millisecond}
	s := newFakeSink(depthOnly)
	p := startCameras(t, m, s, 3)
	const slowFrames = 10
	for i := range slowFrames * 20 {
		p.Put(0, &fakeInput{n: 100 + i%100, stamp: stamp(i)}) // fast camera: numbers 100..199
		if i%20 == 0 {
			p.Put(1, &fakeInput{n: i / 20, stamp: stamp(i)}) // slow camera: numbers 0..9
			p.Put(2, &fakeInput{n: 50 + i/20, stamp: stamp(i)})
		}
		time.Sleep(300 * time.Microsecond)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		s.mu.Lock()
		slow := len(s.perCam[1])
		s.mu.Unlock()
		if slow == slowFrames || time.Now().After(deadline) {
			break
		}
		time.Sleep(time.Millisecond)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for cam, lo := range map[int]int{0: 100, 1: 0, 2: 50} {
		for _, n := range s.perCam[cam] {
			if n < lo || n >= lo+100 || cam != 0 && n >= lo+slowFrames {
				t.Fatalf("camera %d published frame %d of another camera", cam, n)
			}
		}
	}
	if len(s.perCam[1]) != slowFrames || len(s.perCam[2]) != slowFrames {
		t.Fatalf("slow cameras published %d and %d of %d frames beside a fast one", len(s.perCam[1]), len(s.perCam[2]), slowFrames)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	batched := 0
	for _, n := range m.batches {
		if n > 3 {
			t.Fatalf("a batch of %d frames from 3 cameras", n)
		}
		batched += n
	}
	if batched == 0 {
		t.Fatal("no frames ran batched although three cameras were busy")
	}
	st := p.Stats()
	if len(st.Cameras) != 3 || st.Cameras[1].Received != slowFrames || st.Cameras[1].Published != slowFrames || st.Cameras[0].Skipped == 0 {
		t.Fatalf("per-camera stats %+v", st.Cameras)
	}
}

// TestStoppedCameraDoesNotStall: a camera that stops sending leaves the others running.
func TestStoppedCameraDoesNotStall(t *testing.T) {
	m := &fakeModel{}
	s := newFakeSink(depthOnly)
	p := startCameras(t, m, s, 2)
	p.Put(1, &fakeInput{n: 1, stamp: stamp(1)})
	waitFor(t, s)
	for i := range 5 {
		p.Put(0, &fakeInput{n: 10 + i, stamp: stamp(10 + i)})
		if n := waitFor(t, s); n != 10+i {
			t.Fatalf("published %d, want %d", n, 10+i)
		}
	}
	if p.Put(7, &fakeInput{n: 3}); p.Stats().Received != 6 {
		t.Fatal("a message for an unknown camera was counted")
	}
}
