package reconfigure

import (
	"errors"
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	drmsg "github.com/depthnode/depthnode/node/reconfigure/dynamic_reconfigure"
)

// fakeNode is what a node behind Apply would be: its own copy of the values,
// written only by Apply, and a refusal rule the table cannot express.
type fakeNode struct {
	mu       sync.Mutex
	values   map[string]any
	inFlight atomic.Int32
	overlaps atomic.Int32
	calls    atomic.Int32
	// hook, when set, runs first in every Apply (the ROS test holds a call open with it).
	hook atomic.Pointer[func(changes map[string]any)]
}

func (n *fakeNode) apply(changes map[string]any) (map[string]any, error) {
	if n.inFlight.Add(1) != 1 {
		n.overlaps.Add(1)
	}
	defer n.inFlight.Add(-1)
	n.calls.Add(1)
	if h := n.hook.Load(); h != nil {
		(*h)(changes)
	}
	if w, ok := changes["width"].(int); ok && w%7 == 0 {
		return nil, fmt.Errorf("width %d: the encoder wants no multiple of 7", w)
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	for k, v := range changes {
		n.values[k] = v
	}
	return copyMap(n.values), nil
}

func newTestEngine(t *testing.T, initial map[string]any) (*engine, *fakeNode, *[]string) {
	t.Helper()
	tb, err := newTable(testParams())
	if err != nil {
		t.Fatal(err)
	}
	n := &fakeNode{}
	var logMu sync.Mutex
	var lines []string
	e, err := newEngine(tb, initial, n.apply, func(f string, a ...any) {
		logMu.Lock()
		defer logMu.Unlock()
		lines = append(lines, fmt.Sprintf(f, a...))
	})
	if err != nil {
		t.Fatal(err)
	}
	n.values = e.snapshot()
	return e, n, &lines
}

func TestEngineRefusalLeavesEverythingAsItWas(t *testing.T) {
	e, n, lines := newTestEngine(t, nil)
	commits := 0
	e.commit = func(drmsg.Config, map[string]any) { commits++ }
	before := e.snapshot()
	for _, c := range []struct {
		name string
		req  map[string]any
		want string
	}{
		{"apply refuses", map[string]any{"width": 700, "jpeg_quality": 50}, "multiple of 7"},
		{"range", map[string]any{"width": 8000, "jpeg_quality": 50}, "out of range"},
		{"unknown", map[string]any{"bogus": true, "jpeg_quality": 50}, "bogus: unknown parameter"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := e.update(c.req)
			if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want ErrRefused containing %q", err, c.want)
			}
			if !reflect.DeepEqual(got, before) || !reflect.DeepEqual(e.snapshot(), before) {
				t.Fatalf("after a refusal: returned %v, now %v, want %v", got, e.snapshot(), before)
			}
		})
	}
	if commits != 0 {
		t.Errorf("%d commits after refusals", commits)
	}
	if len(*lines) != 3 {
		t.Errorf("log lines %q, want one per refusal", *lines)
	}
	if n.calls.Load() != 1 {
		t.Errorf("Apply called %d times, want once (only the request that passed the table's checks)", n.calls.Load())
	}
	// An unchanged request asks nothing of Apply.
	if _, err := e.update(map[string]any{"width": 640, "device": "auto"}); err != nil || n.calls.Load() != 1 {
		t.Errorf("unchanged request: err %v, Apply calls %d", err, n.calls.Load())
	}
}

func TestEngineReconfigureAnswersTheWholeConfig(t *testing.T) {
	e, _, _ := newTestEngine(t, map[string]any{"device": "cpu"})
	var published []drmsg.Config
	var changedSets []map[string]any
	e.commit = func(c drmsg.Config, changed map[string]any) {
		published = append(published, c)
		changedSets = append(changedSets, changed)
	}
	req := drmsg.Config{
		Ints:    []drmsg.IntParameter{{Name: "jpeg_quality", Value: 60}},
		Doubles: []drmsg.DoubleParameter{{Name: "smoothing", Value: 0.1}},
		Strs:    []drmsg.StrParameter{{Name: "device", Value: "cpu"}}, // unchanged restart-only: fine
	}
	res := e.reconfigure(req)
	got, err := decode(res)
	if err != nil {
		t.Fatal(err)
	}
	if got["jpeg_quality"] != 60 || got["smoothing"] != 0.1 || got["device"] != "cpu" || len(got) != 7 {
		t.Fatalf("response %v", got)
	}
	if len(published) != 1 || !reflect.DeepEqual(published[0], res) {
		t.Fatalf("published %v, want the response once", published)
	}
	if want := map[string]any{"jpeg_quality": 60, "smoothing": 0.1}; !reflect.DeepEqual(changedSets[0], want) {
		t.Errorf("changed %v, want %v", changedSets[0], want)
	}
	// A refused request answers the old config and publishes nothing.
	res = e.reconfigure(drmsg.Config{Strs: []drmsg.StrParameter{{Name: "device", Value: "cuda"}}})
	if again, _ := decode(res); !reflect.DeepEqual(again, got) || len(published) != 1 {
		t.Errorf("after refusal: response %v, %d publications", again, len(published))
	}
}

// TestEngineConcurrentRequests sends many requests at once, each setting
// width=w and jpeg_quality=w%100+1 together, while readers take snapshots:
// every snapshot and response must hold a pair from one request, Apply
// must never run twice at once, and the last publication must be the final state.
func TestEngineConcurrentRequests(t *testing.T) {
	e, n, _ := newTestEngine(t, map[string]any{"width": 640, "jpeg_quality": 41})
	var pubMu sync.Mutex
	var last drmsg.Config
	commits := 0
	e.commit = func(c drmsg.Config, _ map[string]any) {
		pubMu.Lock()
		defer pubMu.Unlock()
		last, commits = c, commits+1
	}
	pairOK := func(m map[string]any) bool {
		w, q := m["width"].(int), m["jpeg_quality"].(int)
		return q == w%100+1
	}
	const writers, perWriter, readers = 8, 60, 4
	var bad atomic.Int32
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for r := 0; r < readers; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if !pairOK(e.snapshot()) {
					bad.Add(1)
				}
				if m, err := decode(e.config()); err != nil || !pairOK(m) {
					bad.Add(1)
				}
			}
		}()
	}
	var ww sync.WaitGroup
	for g := 0; g < writers; g++ {
		ww.Add(1)
		go func(seed int64) {
			defer ww.Done()
			rng := rand.New(rand.NewSource(seed))
			for i := 0; i < perWriter; i++ {
				w := 1 + rng.Intn(5000) // some below 16 or above 4096, some multiples of 7
				res := e.reconfigure(drmsg.Config{Ints: []drmsg.IntParameter{
					{Name: "width", Value: int32(w)}, {Name: "jpeg_quality", Value: int32(w%100 + 1)}}})
				if m, err := decode(res); err != nil || len(m) != 7 || !pairOK(m) {
					bad.Add(1)
				}
			}
		}(int64(g))
	}
	ww.Wait()
	close(stop)
	wg.Wait()
	if bad.Load() != 0 {
		t.Errorf("%d snapshots or responses held half a change", bad.Load())
	}
	if n.overlaps.Load() != 0 {
		t.Errorf("Apply ran concurrently %d times", n.overlaps.Load())
	}
	final := e.snapshot()
	n.mu.Lock()
	nodeValues := copyMap(n.values)
	n.mu.Unlock()
	if !reflect.DeepEqual(final, nodeValues) {
		t.Errorf("server %v, node %v", final, nodeValues)
	}
	if commits == 0 {
		t.Fatal("no request was accepted")
	}
	if m, _ := decode(last); !reflect.DeepEqual(m, final) {
		t.Errorf("last publication %v, final state %v", m, final)
	}
}

func TestEngineSnapshotDoesNotWaitForApply(t *testing.T) {
	e, n, _ := newTestEngine(t, nil)
	entered, release := make(chan struct{}), make(chan struct{})
	var inside map[string]any
	hook := func(map[string]any) {
		inside = e.snapshot() // Apply reading the values must not deadlock
		close(entered)
		<-release
	}
	n.hook.Store(&hook)
	done := make(chan error)
	go func() {
		_, err := e.update(map[string]any{"width": 320})
		done <- err
	}()
	<-entered
	if w := e.snapshot()["width"]; w != 640 {
		t.Errorf("while Apply runs: width %v, want the old 640", w)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if inside["width"] != 640 || e.snapshot()["width"] != 320 {
		t.Errorf("inside Apply %v, after %v", inside["width"], e.snapshot()["width"])
	}
}

// BenchmarkEngineReconfigure is one ~set_parameters request without ROS:
// decode, check, Apply (a map copy), merge and encode the answer.
func BenchmarkEngineReconfigure(b *testing.B) {
	tb, err := newTable(testParams())
	if err != nil {
		b.Fatal(err)
	}
	e, err := newEngine(tb, nil, func(c map[string]any) (map[string]any, error) { return c, nil }, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		w := 16 + i%4000
		e.reconfigure(drmsg.Config{Ints: []drmsg.IntParameter{{Name: "width", Value: int32(w)}, {Name: "jpeg_quality", Value: int32(w%100 + 1)}}})
	}
}
