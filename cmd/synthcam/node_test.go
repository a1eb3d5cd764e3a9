package main

import (
	"bytes"
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/depthnode/depthnode/internal/rostest"
	"github.com/depthnode/depthnode/synth"
)

// peerImage is the rospy peer's summary of an Image.
type peerImage struct {
	FrameID   string  `json:"frame_id"`
	Stamp     float64 `json:"stamp"`
	Width     int     `json:"width"`
	Height    int     `json:"height"`
	Encoding  string  `json:"encoding"`
	Step      int     `json:"step"`
	BigEndian int     `json:"bigendian"`
	Size      int     `json:"size"`
	MD5       string  `json:"md5"`
}

// peerSummary is what testdata/peer.py prints.
type peerSummary struct {
	Image      peerImage `json:"image"`
	Depth      peerImage `json:"depth"`
	Normals    peerImage `json:"normals"`
	CameraInfo struct {
		FrameID string    `json:"frame_id"`
		Stamp   float64   `json:"stamp"`
		Width   int       `json:"width"`
		Height  int       `json:"height"`
		K       []float64 `json:"K"`
		P       []float64 `json:"P"`
		D       []float64 `json:"D"`
		Model   string    `json:"model"`
	} `json:"camera_info"`
	Points struct {
		FrameID   string      `json:"frame_id"`
		Stamp     float64     `json:"stamp"`
		Width     int         `json:"width"`
		Height    int         `json:"height"`
		PointStep int         `json:"point_step"`
		RowStep   int         `json:"row_step"`
		Dense     bool        `json:"dense"`
		BigEndian bool        `json:"bigendian"`
		Fields    [][]any     `json:"fields"`
		Finite    int         `json:"finite"`
		First     [][]float64 `json:"first"`
		MD5       string      `json:"md5"`
	} `json:"points"`
	InfoStamps []float64 `json:"info_stamps"`
	TFStatic   []struct {
		Parent, Child string
		T, Q          []float64
	} `json:"tf_static"`
}

// buildSynthcam compiles the command once per test binary run.
func buildSynthcam(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "synthcam")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestNodeWithRospy runs synthcam against a real roscore and reads its
// topics with a real rospy peer: types, sizes, frame ids, stamps, the
// static transform, and the bytes themselves (equal to a frame rendered
// here with the same settings). Then SIGINT must end it with status 0.
func TestNodeWithRospy(t *testing.T) {
	rostest.Require(t, "roscore", rostest.SystemPython)
	bin := buildSynthcam(t)
	cases := []struct {
		name       string
		sim        bool
		jump       bool // /clock jumps back to 500 s after 2 s
		args       []string
		ns, image  string
		camera     string
		serverSeed int // ~seed set on the parameter server (0 = none)
		seed       int64
	}{
		{
			name: "namespace, remap, params",
			args: []string{"-width", "160", "-height", "120", "-lidar-columns", "256", "__ns:=sim", "image:=rgb",
				"_rate:=5", "_camera_frame:=cam_opt", "__name:=synth_a"},
			ns: "/sim", image: "/sim/rgb", camera: "cam_opt", serverSeed: 42, seed: 42,
		},
		{
			name: "sim time, command line beats server",
			sim:  true,
			args: []string{"-width", "160", "-height", "120", "-lidar-columns", "256", "_rate:=10", "_seed:=9", "__name:=synth_b"},
			ns:   "", image: "/image", camera: "camera_optical", serverSeed: 42, seed: 9,
		},
		{
			name: "sim time jumps back",
			sim:  true, jump: true,
			args: []string{"-width", "160", "-height", "120", "-lidar-columns", "256", "_rate:=10", "__name:=synth_b"},
			ns:   "", image: "/image", camera: "camera_optical", seed: 1,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := rostest.StartMaster(t)
			env := m.Env(os.Environ())
			node := "/synth_a"
			if c.sim {
				node = "/synth_b"
			}
			if c.ns != "" {
				node = c.ns + node
			}
			setup := "import rospy\n"
			if c.serverSeed != 0 {
				setup += "rospy.set_param('" + node + "/seed', " + itoa(c.serverSeed) + ")\n"
			}
			if c.sim {
				setup += "rospy.set_param('/use_sim_time', True)\n"
			}
			py := rostest.Python("-c", setup)
			py.Env = env
			if out, err := py.CombinedOutput(); err != nil {
				t.Fatalf("set parameters: %v\n%s", err, out)
			}

			var log bytes.Buffer
			cmd := exec.Command(bin, c.args...)
			cmd.Env = env
			cmd.Stdout, cmd.Stderr = &log, &log
			proc := rostest.Start(t, cmd)

			mode := "wall"
			if c.sim {
				mode = "sim"
			}
			if c.jump {
				mode = "simjump"
			}
			peer := rostest.Python("testdata/peer.py", c.ns, c.image, mode)
			peer.Env = env
			out, err := peer.Output()
			if err != nil {
				t.Fatalf("peer: %v\n%s\nsynthcam log:\n%s", err, out, log.String())
			}
			var s peerSummary
			if err := json.Unmarshal(out, &s); err != nil {
				t.Fatalf("peer output %q: %v", out, err)
			}
			checkSummary(t, &s, c.camera, c.sim)
			if c.jump {
				// Publishing goes on at the earlier time instead of waiting
				// for the clock to catch up with the old schedule.
				resumed := false
				for _, st := range s.InfoStamps {
					resumed = resumed || (st >= 500 && st < 600)
				}
				if !resumed {
					t.Errorf("no camera_info stamped after /clock jumped back to 500 s: %v", s.InfoStamps)
				}
			}

			// The bytes on the wire are frames of the configured generator.
			cfg := synth.DefaultConfig()
			cfg.Width, cfg.Height, cfg.Seed, cfg.Lidar.Columns = 160, 120, c.seed, 256
			g, err := synth.NewGenerator(cfg)
			if err != nil {
				t.Fatal(err)
			}
			matchFrames(t, g, &s)

			proc.Signal(syscall.SIGINT)
			err, ok := proc.Wait(20 * time.Second)
			if !ok {
				t.Fatalf("synthcam still running after SIGINT\n%s", log.String())
			}
			if err != nil {
				t.Fatalf("synthcam exit after SIGINT: %v\n%s", err, log.String())
			}
		})
	}
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

func checkSummary(t *testing.T, s *peerSummary, camera string, sim bool) {
	t.Helper()
	in := synth.DefaultIntrinsics(160, 120)
	images := []struct {
		name          string
		img           peerImage
		encoding      string
		bytesPerPixel int
	}{
		{"image", s.Image, "rgb8", 3},
		{"depth", s.Depth, "32FC1", 4},
		{"normals", s.Normals, "32FC3", 12},
	}
	for _, c := range images {
		if c.img.Width != 160 || c.img.Height != 120 || c.img.Encoding != c.encoding ||
			c.img.Step != 160*c.bytesPerPixel || c.img.Size != 120*160*c.bytesPerPixel || c.img.BigEndian != 0 {
			t.Errorf("%s: %+v, want 160x120 %s step %d", c.name, c.img, c.encoding, 160*c.bytesPerPixel)
		}
		if c.img.FrameID != camera {
			t.Errorf("%s frame_id %q, want %q", c.name, c.img.FrameID, camera)
		}
	}
	ci := s.CameraInfo
	if ci.FrameID != camera || ci.Width != 160 || ci.Height != 120 || ci.Model != "plumb_bob" {
		t.Errorf("camera_info %+v", ci)
	}
	k, p := in.K(), in.P()
	for i := range k {
		if len(ci.K) != 9 || math.Abs(ci.K[i]-k[i]) > 1e-9 {
			t.Fatalf("camera_info K %v, want %v", ci.K, k)
		}
	}
	for i := range p {
		if len(ci.P) != 12 || math.Abs(ci.P[i]-p[i]) > 1e-9 {
			t.Fatalf("camera_info P %v, want %v", ci.P, p)
		}
	}
	pt := s.Points
	if pt.FrameID != "lidar" || pt.Height != 16 || pt.Width != 256 || pt.PointStep != 16 || pt.RowStep != 16*256 || pt.Dense || pt.BigEndian {
		t.Errorf("points header %+v", pt)
	}
	wantFields := [][]any{{"x", 0.0, 7.0, 1.0}, {"y", 4.0, 7.0, 1.0}, {"z", 8.0, 7.0, 1.0}, {"intensity", 12.0, 7.0, 1.0}}
	if got, _ := json.Marshal(pt.Fields); string(got) != mustJSON(wantFields) {
		t.Errorf("fields %s, want %s", got, mustJSON(wantFields))
	}
	if pt.Finite < 256 || len(pt.First) == 0 {
		t.Errorf("only %d finite points", pt.Finite)
	}
	if len(s.TFStatic) != 1 || s.TFStatic[0].Parent != camera || s.TFStatic[0].Child != "lidar" {
		t.Fatalf("/tf_static %+v, want %s <- lidar", s.TFStatic, camera)
	}
	want := synth.DefaultLidarConfig().CameraFromLidar
	q := synth.QuatFromMat3(want.R)
	tf := s.TFStatic[0]
	for i, v := range []float64{want.T.X, want.T.Y, want.T.Z} {
		if math.Abs(tf.T[i]-v) > 1e-9 {
			t.Errorf("/tf_static translation %v, want %v", tf.T, want.T)
		}
	}
	for i, v := range []float64{q.X, q.Y, q.Z, q.W} {
		if math.Abs(tf.Q[i]-v) > 1e-9 {
			t.Errorf("/tf_static rotation %v, want %+v", tf.Q, q)
		}
	}
	if sim {
		// Stamped with node time = the peer's /clock (from 1000 s on).
		for name, st := range map[string]float64{"image": s.Image.Stamp, "points": s.Points.Stamp, "camera_info": s.CameraInfo.Stamp} {
			if st < 1000 || st > 1100 {
				t.Errorf("%s stamp %.3f: want simulated time (1000 s + a little)", name, st)
			}
		}
	} else if now := float64(time.Now().UnixNano()) / 1e9; math.Abs(s.Image.Stamp-now) > 300 {
		t.Errorf("image stamp %.3f far from wall time %.3f", s.Image.Stamp, now)
	}
}

func mustJSON(v any) string { b, _ := json.Marshal(v); return string(b) }

// matchFrames finds the frames whose bytes the peer received.
func matchFrames(t *testing.T, g *synth.Generator, s *peerSummary) {
	t.Helper()
	found := map[string]bool{}
	for i := 0; i < 400 && len(found) < 4; i++ {
		f := g.Frame(i)
		sum := func(b []byte) string { h := md5.Sum(b); return hex.EncodeToString(h[:]) }
		floats := func(v []float32) []byte {
			var buf bytes.Buffer
			_ = binary.Write(&buf, binary.LittleEndian, v)
			return buf.Bytes()
		}
		if sum(f.Image.RGB) == s.Image.MD5 {
			found["image"] = true
		}
		if sum(floats(f.Image.Depth)) == s.Depth.MD5 {
			found["depth"] = true
		}
		if sum(floats(f.Image.Normals)) == s.Normals.MD5 {
			found["normals"] = true
		}
		if sum(f.Cloud.Bytes()) == s.Points.MD5 {
			t.Logf("points = frame %d, stamps image %.3f points %.3f", i, s.Image.Stamp, s.Points.Stamp)
			found["points"] = true
			// rospy's own decoding of the first finite points.
			k := 0
			for _, p := range f.Cloud.Points {
				if !p.Valid() || k >= len(s.Points.First) {
					continue
				}
				got := s.Points.First[k]
				for j, v := range []float32{p.X, p.Y, p.Z, p.Intensity} {
					if float32(got[j]) != v {
						t.Errorf("rospy point %d = %v, want %v", k, got, p)
					}
				}
				k++
			}
		}
	}
	for _, name := range []string{"image", "depth", "normals", "points"} {
		if !found[name] {
			t.Errorf("%s bytes match none of frames 0..399 of the generator", name)
		}
	}
}
