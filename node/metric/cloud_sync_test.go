package metric

import (
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"
	"github.com/depthnode/depthnode/node/internal/nodetest"
)

func stampedCloud(ms int64, frame string) *sensor_msgs.PointCloud2 {
	return &sensor_msgs.PointCloud2{Header: std_msgs.Header{Stamp: time.Unix(100, 0).Add(time.Duration(ms) * time.Millisecond), FrameId: frame}}
}

// TestCloudRingNearest: the cloud nearest the image stamp within the slop
// is matched; ties go to the cloud received later; the ring is bounded.
func TestCloudRingNearest(t *testing.T) {
	tests := []struct {
		name      string
		clouds    []int64 // stamps in ms after 100 s, in order of arrival
		image     int64
		slop      time.Duration
		want      int // index into clouds; -1 = none
		wantOff   time.Duration
		wantAnyOK bool
	}{
		{name: "empty ring", image: 0, slop: 50 * time.Millisecond, want: -1},
		{name: "exact", clouds: []int64{0, 100, 200}, image: 100, slop: 50 * time.Millisecond, want: 1, wantAnyOK: true},
		{name: "nearest of three", clouds: []int64{0, 100, 200}, image: 130, slop: 50 * time.Millisecond, want: 1, wantOff: -30 * time.Millisecond, wantAnyOK: true},
		{name: "later cloud nearer", clouds: []int64{0, 100, 200}, image: 160, slop: 50 * time.Millisecond, want: 2, wantOff: 40 * time.Millisecond, wantAnyOK: true},
		{name: "outside slop", clouds: []int64{0, 100}, image: 300, slop: 50 * time.Millisecond, want: -1, wantOff: -200 * time.Millisecond, wantAnyOK: true},
		{name: "on the slop", clouds: []int64{0}, image: 50, slop: 50 * time.Millisecond, want: 0, wantOff: -50 * time.Millisecond, wantAnyOK: true},
		{name: "tie: newest wins", clouds: []int64{80, 120}, image: 100, slop: 50 * time.Millisecond, want: 1, wantOff: 20 * time.Millisecond, wantAnyOK: true},
		{name: "tie, arrived out of order: newest arrival wins", clouds: []int64{120, 80}, image: 100, slop: 50 * time.Millisecond, want: 1, wantOff: -20 * time.Millisecond, wantAnyOK: true},
		{name: "bounded: the oldest fell out", clouds: []int64{0, 1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007}, image: 0, slop: 50 * time.Millisecond, want: -1, wantOff: 1000 * time.Millisecond, wantAnyOK: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r cloudRing
			msgs := make([]*sensor_msgs.PointCloud2, len(tc.clouds))
			for i, ms := range tc.clouds {
				msgs[i] = stampedCloud(ms, "lidar")
				r.put(msgs[i])
			}
			img := time.Unix(100, 0).Add(time.Duration(tc.image) * time.Millisecond)
			e, off, anyOK := r.nearest(img, tc.slop)
			if anyOK != tc.wantAnyOK || off != tc.wantOff {
				t.Fatalf("any %v off %v, want %v %v", anyOK, off, tc.wantAnyOK, tc.wantOff)
			}
			if tc.want < 0 {
				if e != nil {
					t.Fatalf("matched stamp %v, want none", e.stamp)
				}
				return
			}
			if e == nil || e.msg != msgs[tc.want] {
				t.Fatalf("matched %+v, want cloud %d", e, tc.want)
			}
			if r.count() != uint64(len(tc.clouds)) {
				t.Fatalf("count %d", r.count())
			}
		})
	}
}

// TestCloudRingSkipsBadClouds: a cloud that failed to decode is not matched
// again; the next nearest one is, and the ring never holds more than its size.
func TestCloudRingSkipsBadClouds(t *testing.T) {
	s := nodetest.NewMetric(t)
	var r cloudRing
	good := s.CloudMsg(time.Unix(100, 20e6))
	bad := s.CloudMsg(time.Unix(100, 0))
	bad.Fields = bad.Fields[1:] // no x
	r.put(good)
	r.put(bad)
	img := time.Unix(100, 0)
	e, _, _ := r.nearest(img, 50*time.Millisecond)
	if e == nil || e.msg != bad {
		t.Fatal("the nearest (bad) cloud was not matched first")
	}
	if _, fresh, err := e.decode(); err == nil || !fresh {
		t.Fatalf("bad cloud decoded: fresh %v err %v", fresh, err)
	}
	if _, fresh, err := e.decode(); err == nil || fresh {
		t.Fatalf("second decode: fresh %v err %v, want the cached error", fresh, err)
	}
	e, _, _ = r.nearest(img, 50*time.Millisecond)
	if e == nil || e.stamp != good.Header.Stamp {
		t.Fatalf("matched %+v, want the good cloud", e)
	}
	pts, _, err := e.decode()
	if err != nil || len(pts) < 1000 || e.msg != nil {
		t.Fatalf("good cloud: %d points, err %v, raw kept %v", len(pts), err, e.msg != nil)
	}
	for i := 0; i < 3*cloudRingSize; i++ {
		r.put(stampedCloud(int64(i), "lidar"))
	}
	n := 0
	for _, c := range r.buf {
		if c != nil {
			n++
		}
	}
	if n != cloudRingSize || r.count() != uint64(2+3*cloudRingSize) {
		t.Fatalf("ring holds %d clouds after %d puts", n, r.count())
	}
}
