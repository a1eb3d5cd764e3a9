package synth

import (
	"bytes"
	"encoding/binary"
	"math"
	"runtime"
	"testing"
)

// frameBytes serialises everything a frame yields, for exact comparison.
func frameBytes(f *Frame) []byte {
	var b bytes.Buffer
	b.Write(f.Image.RGB)
	_ = binary.Write(&b, binary.LittleEndian, f.Image.Depth)
	_ = binary.Write(&b, binary.LittleEndian, f.Image.Normals)
	if f.Cloud != nil {
		b.Write(f.Cloud.Bytes())
	}
	_ = binary.Write(&b, binary.LittleEndian, f.WorldFromCamera)
	return b.Bytes()
}

// TestDeterminism renders the same frames with different worker counts and
// seeds: equal seeds give equal bytes, different seeds differ.
func TestDeterminism(t *testing.T) {
	render := func(seed int64, workers int, frame int) []byte {
		cfg := DefaultConfig()
		cfg.Width, cfg.Height, cfg.Seed, cfg.Workers = 80, 60, seed, workers
		cfg.FramesPerScene, cfg.Stride = 3, 50
		cfg.Lidar.Columns = 256
		g, err := NewGenerator(cfg)
		if err != nil {
			t.Fatal(err)
		}
		return frameBytes(g.Frame(frame))
	}
	cases := []struct {
		name               string
		seedA, seedB       int64
		workersA, workersB int
		frameA, frameB     int
		same               bool
	}{
		{"same seed, 1 vs 2 workers", 7, 7, 1, 2, 4, 4, true},
		{"same seed, 2 vs 5 workers", 7, 7, 2, 5, 0, 0, true},
		{"different seeds", 7, 8, 2, 2, 4, 4, false},
		{"different frames", 7, 7, 2, 2, 4, 5, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := render(c.seedA, c.workersA, c.frameA)
			b := render(c.seedB, c.workersB, c.frameB)
			if bytes.Equal(a, b) != c.same {
				t.Fatalf("equal bytes = %v, want %v", !c.same, c.same)
			}
		})
	}
}

// TestDeterminismAcrossGOMAXPROCS renders with the default worker count
// (GOMAXPROCS) under 1 and 2 procs.
func TestDeterminismAcrossGOMAXPROCS(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Width, cfg.Height = 80, 60
	cfg.Lidar.Columns = 256
	var out [][]byte
	for _, procs := range []int{1, 2} {
		prev := runtime.GOMAXPROCS(procs)
		g, _ := NewGenerator(cfg)
		out = append(out, frameBytes(g.Frame(3)))
		runtime.GOMAXPROCS(prev)
	}
	if !bytes.Equal(out[0], out[1]) {
		t.Fatal("GOMAXPROCS 1 and 2 give different bytes")
	}
}

// TestGeneratorRandomAccess checks that a frame does not depend on which
// frames were rendered before it (the scene cache).
func TestGeneratorRandomAccess(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Width, cfg.Height, cfg.FramesPerScene, cfg.Lidar.Beams = 64, 48, 2, 4
	cfg.Lidar.Columns = 64
	g1, _ := NewGenerator(cfg)
	g2, _ := NewGenerator(cfg)
	for _, i := range []int{0, 1, 2, 3} {
		g1.Frame(i)
	}
	g2.Frame(9)
	if !bytes.Equal(frameBytes(g1.Frame(5)), frameBytes(g2.Frame(5))) {
		t.Fatal("frame 5 differs with rendering history")
	}
}

// TestScenesDiffer checks that successive scenes are not copies: their
// mean depth and colour vary.
func TestScenesDiffer(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Width, cfg.Height, cfg.FramesPerScene, cfg.Lidar.Beams = 48, 36, 1, 0
	g, _ := NewGenerator(cfg)
	seen := map[[2]int]bool{}
	indoor := 0
	for i := 0; i < 12; i++ {
		f := g.Frame(i)
		if g.Scene(f.Scene).Indoor {
			indoor++
		}
		var sumD, sumC float64
		var n int
		for p, d := range f.Image.Depth {
			sumC += float64(f.Image.RGB[3*p])
			if !math.IsNaN(float64(d)) {
				sumD += float64(d)
				n++
			}
		}
		key := [2]int{int(sumD / float64(n) * 100), int(sumC)}
		if seen[key] {
			t.Errorf("frame %d repeats an earlier scene's statistics", i)
		}
		seen[key] = true
	}
	if indoor == 0 || indoor == 12 {
		t.Errorf("%d of 12 mixed scenes indoor: want both kinds", indoor)
	}
}
