package calib

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/depthnode/depthnode/internal/rostest"
)

func stampOf(sec float64) time.Time {
	s := math.Floor(sec)
	return time.Unix(int64(s), int64(math.Round((sec-s)*1e9)))
}

// rosStamp is a stamp as whole seconds and nanoseconds, exact on both sides.
type rosStamp float64

func (s rosStamp) MarshalJSON() ([]byte, error) {
	st := stampOf(float64(s))
	return json.Marshal([2]int64{st.Unix(), int64(st.Nanosecond())})
}

type tfLinkJSON struct {
	Parent string     `json:"parent"`
	Child  string     `json:"child"`
	Stamp  rosStamp   `json:"stamp"`
	Static bool       `json:"static"`
	T      [3]float64 `json:"t"`
	Q      [4]float64 `json:"q"`
}

type tfQueryJSON struct {
	Target string   `json:"target"`
	Source string   `json:"source"`
	Stamp  rosStamp `json:"stamp"`
	// SourceStamp and Fixed make it a time-travel lookup.
	SourceStamp rosStamp `json:"source_stamp,omitempty"`
	Fixed       string   `json:"fixed,omitempty"`
}

// tf2Lookup answers queries with Debian's real tf2 buffer.
func tf2Lookup(t *testing.T, links []tfLinkJSON, queries []tfQueryJSON) []struct {
	T     [3]float64
	Q     [4]float64
	Error string
} {
	t.Helper()
	in, _ := json.Marshal(map[string]any{"links": links, "queries": queries})
	cmd := rostest.Python("../testdata/calib/tf2_lookup.py")
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("tf2: %v\n%s", err, stderr.String())
	}
	var res struct {
		Results []struct {
			T     [3]float64
			Q     [4]float64
			Error string
		}
	}
	if err := json.Unmarshal(out, &res); err != nil || len(res.Results) != len(queries) {
		t.Fatalf("tf2 output %q: %v", out, err)
	}
	return res.Results
}

func TestTFBufferMatchesTF2(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	randomLink := func(parent, child string, stamp float64, static bool) tfLinkJSON {
		k, a := randomAxisAngle(rng)
		q := quatFromAxisAngle(k, a)
		return tfLinkJSON{parent, child, rosStamp(stamp), static,
			[3]float64{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}, [4]float64{q.X, q.Y, q.Z, q.W}}
	}
	var links []tfLinkJSON
	for _, st := range []float64{10, 10.5, 11, 11.5} {
		links = append(links, randomLink("map", "odom", st, false))
		links = append(links, randomLink("map", "other", st+0.1, false))
	}
	for _, st := range []float64{9.9, 10.2, 10.8, 11.6} {
		links = append(links, randomLink("odom", "base_link", st, false))
	}
	links = append(links,
		randomLink("base_link", "camera_link", 0, true),
		randomLink("camera_link", "camera_optical", 0, true),
		randomLink("base_link", "lidar", 0, true))
	queries := []tfQueryJSON{
		{"camera_optical", "lidar", 10.25, 0, ""},
		{"lidar", "camera_optical", 10.7, 0, ""},
		{"map", "lidar", 10.5, 0, ""},
		{"other", "lidar", 10.3, 0, ""},
		{"lidar", "other", 11.05, 0, ""},
		{"odom", "base_link", 10.2, 0, ""},
		{"camera_optical", "camera_optical", 10.4, 0, ""},
		{"camera_optical", "lidar", 10.9, 10.3, "map"},
		{"lidar", "other", 11.2, 10.4, "odom"},
	}
	want := tf2Lookup(t, links, queries)
	buf, err := NewTFBuffer(TFBufferConfig{CacheTime: 100 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range links {
		st := StampedTransform{Parent: l.Parent, Child: l.Child, Stamp: stampOf(float64(l.Stamp)),
			Transform: Transform{Vec3{l.T[0], l.T[1], l.T[2]}, Quaternion{l.Q[0], l.Q[1], l.Q[2], l.Q[3]}}}
		if err := buf.Add(st, l.Static); err != nil {
			t.Fatal(err)
		}
	}
	for i, q := range queries {
		t.Run(q.Target+"<-"+q.Source+"/"+q.Fixed, func(t *testing.T) {
			if want[i].Error != "" {
				t.Fatalf("tf2 refused the query: %s", want[i].Error)
			}
			var got Transform
			var err error
			if q.Fixed != "" {
				got, err = buf.LookupFull(q.Target, stampOf(float64(q.Stamp)), q.Source, stampOf(float64(q.SourceStamp)), q.Fixed)
			} else {
				got, err = buf.Lookup(q.Target, q.Source, stampOf(float64(q.Stamp)))
			}
			if err != nil {
				t.Fatal(err)
			}
			w := Transform{Vec3{want[i].T[0], want[i].T[1], want[i].T[2]}, Quaternion{want[i].Q[0], want[i].Q[1], want[i].Q[2], want[i].Q[3]}}
			for _, p := range []Vec3{{1, 0, 0}, {0, 2, 0}, {0, 0, 3}, {0, 0, 0}} {
				if !near(got.Apply(p), w.Apply(p), 1e-9) {
					t.Fatalf("p=%v: buffer maps to %v, tf2 to %v", p, got.Apply(p), w.Apply(p))
				}
			}
		})
	}
}

func TestTFBufferErrors(t *testing.T) {
	id := IdentityTransform
	shift := Transform{Vec3{1, 0, 0}, IdentityQuaternion}
	buf, err := NewTFBuffer(TFBufferConfig{CacheTime: 5 * time.Second, Tolerance: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(buf.Add(StampedTransform{"base", "lidar", time.Time{}, id}, true))
	must(buf.Add(StampedTransform{"/odom", "/base", stampOf(100), id}, false))
	must(buf.Add(StampedTransform{"odom", "base", stampOf(101), shift}, false))
	must(buf.Add(StampedTransform{"island", "rock", stampOf(100), id}, true))
	// A loop in bad input must not hang a lookup.
	must(buf.Add(StampedTransform{"a", "b", stampOf(100), id}, true))
	must(buf.Add(StampedTransform{"b", "a", stampOf(100), id}, true))

	cases := []struct {
		name, target, source string
		stamp                time.Time
		want                 error
		msg                  string
		x                    float64 // expected x of the source origin in target, when no error
	}{
		{"interpolated", "odom", "lidar", stampOf(100.25), nil, "", 0.25},
		{"newest_for_zero_stamp", "odom", "lidar", time.Time{}, nil, "", 1},
		{"within_tolerance_after", "odom", "lidar", stampOf(101.04), nil, "", 1},
		{"within_tolerance_before", "odom", "lidar", stampOf(99.96), nil, "", 0},
		{"extrapolation", "odom", "lidar", stampOf(101.2), ErrExtrapolation, "odom -> base", 0},
		{"unknown_frame", "odom", "radar", stampOf(100), ErrFrameUnknown, `"radar"`, 0},
		{"disconnected", "odom", "rock", stampOf(100), ErrNotConnected, `root "island"`, 0},
		{"loop", "odom", "a", stampOf(100), ErrNotConnected, "", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tr, err := buf.Lookup(tc.target, tc.source, tc.stamp)
			if tc.want != nil {
				if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) {
					t.Fatalf("err = %v, want %v mentioning %s", err, tc.want, tc.msg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := tr.Apply(Vec3{}); math.Abs(got.X-tc.x) > 1e-12 {
				t.Fatalf("origin maps to %v, want x=%g", got, tc.x)
			}
		})
	}

	t.Run("cache_time_evicts", func(t *testing.T) {
		must(buf.Add(StampedTransform{"odom", "base", stampOf(107), shift}, false))
		if _, err := buf.Lookup("odom", "lidar", stampOf(100.5)); !errors.Is(err, ErrExtrapolation) {
			t.Fatalf("err = %v, want ErrExtrapolation after eviction", err)
		}
	})
	t.Run("bad_links", func(t *testing.T) {
		for _, st := range []StampedTransform{
			{"", "x", stampOf(1), id},
			{"x", "x", stampOf(1), id},
			{"p", "c", stampOf(1), Transform{Vec3{}, Quaternion{}}},
			{"p", "c", stampOf(1), Transform{Vec3{math.NaN(), 0, 0}, IdentityQuaternion}},
		} {
			if err := buf.Add(st, false); !errors.Is(err, ErrTransform) {
				t.Fatalf("Add(%+v) = %v, want ErrTransform", st, err)
			}
		}
	})
}

func TestTFBufferConcurrentUse(t *testing.T) {
	// The node feeds /tf from one goroutine while another looks up; run with -race.
	buf, err := NewTFBuffer(TFBufferConfig{Tolerance: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := buf.Add(StampedTransform{"base", "lidar", time.Time{}, IdentityTransform}, true); err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		for i := 0; i < 500; i++ {
			st := StampedTransform{"odom", "base", stampOf(100 + float64(i)*0.01), Transform{Vec3{float64(i), 0, 0}, IdentityQuaternion}}
			if err := buf.Add(st, false); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	for i := 0; i < 500; i++ {
		_, _ = buf.Lookup("odom", "lidar", time.Time{})
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if tr, err := buf.Lookup("odom", "lidar", time.Time{}); err != nil || tr.Translation.X != 499 {
		t.Fatalf("newest = %v, %v; want x=499", tr, err)
	}
}
