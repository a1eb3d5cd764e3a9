package cloud

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// readPointsPy builds a sensor_msgs.msg.PointCloud2 from the bytes and
// fields Go wrote and prints what sensor_msgs.point_cloud2.read_points makes
// of each point, every value as the big-endian hex of its float32 bits (NaN included).
const readPointsPy = `
import json, struct, sys
from sensor_msgs.msg import PointCloud2, PointField
from sensor_msgs import point_cloud2
meta = json.load(open(sys.argv[1]))
msg = PointCloud2(height=meta["height"], width=meta["width"], is_bigendian=False,
                  point_step=meta["point_step"], row_step=meta["row_step"], is_dense=meta["is_dense"],
                  fields=[PointField(name=f["Name"], offset=f["Offset"], datatype=f["Datatype"], count=f["Count"])
                          for f in meta["fields"]],
                  data=open(sys.argv[2], "rb").read())
print(" ".join(f.name for f in msg.fields))
for p in point_cloud2.read_points(msg):
    print(" ".join(struct.pack(">f", v).hex() for v in p))
`

// TestReadPointsAgrees has Debian's sensor_msgs.point_cloud2 read an
// organised cloud (NaN placeholders, colour with red >= 128) Go built.
func TestReadPointsAgrees(t *testing.T) {
	const python = "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import sensor_msgs.point_cloud2").Run(); err != nil {
		t.Skipf("Debian's python3-sensor-msgs is missing: %v", err)
	}
	in := frame(5, 4, 1.5)
	in.Depth[7] = float32(math.NaN())
	for i := range in.Normals {
		in.Normals[i] = float32(i%7) / 7
	}
	in.RGB[0], in.RGB[1], in.RGB[2] = 0xff, 0xc0, 0x01
	c, _ := build(t, Options{Stride: 1, Organized: true}, in)

	dir := t.TempDir()
	meta, err := json.Marshal(map[string]any{"height": c.Height, "width": c.Width, "point_step": c.PointStep,
		"row_step": c.RowStep, "is_dense": c.IsDense, "fields": c.Fields})
	if err != nil {
		t.Fatal(err)
	}
	metaPath, dataPath := filepath.Join(dir, "meta.json"), filepath.Join(dir, "data.bin")
	if err := os.WriteFile(metaPath, meta, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dataPath, c.Data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(python, "-c", readPointsPy, metaPath, dataPath).Output()
	if err != nil {
		t.Fatalf("read_points: %v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Scan()
	if got := sc.Text(); got != "x y z normal_x normal_y normal_z rgb curvature" {
		t.Fatalf("fields %q", got)
	}
	n := 0
	for ; sc.Scan(); n++ {
		var got []uint32
		for _, h := range strings.Fields(sc.Text()) {
			b, err := strconv.ParseUint(h, 16, 32)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, uint32(b))
		}
		p := at(c, n)
		want := []uint32{bits(p.X), bits(p.Y), bits(p.Z), bits(p.NX), bits(p.NY), bits(p.NZ), p.RGB, bits(p.Curvature)}
		if len(got) != len(want) {
			t.Fatalf("point %d: %d values", n, len(got))
		}
		for j := range want {
			// NaN payloads may be quietened by Python's doubles; any NaN is a NaN.
			g, w := math.Float32frombits(got[j]), math.Float32frombits(want[j])
			if got[j] != want[j] && !(g != g && w != w) {
				t.Errorf("point %d value %d: Python read %08x, Go wrote %08x", n, j, got[j], want[j])
			}
		}
	}
	if n != c.Len() {
		t.Errorf("Python read %d points, want %d", n, c.Len())
	}
	if at(c, 0).RGB != 0x00ffc001 {
		t.Errorf("rgb %08x", at(c, 0).RGB)
	}
}

func bits(f float32) uint32 { return math.Float32bits(f) }
