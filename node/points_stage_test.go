package node

import (
	"math"
	"os"
	"os/exec"
	"slices"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/internal/rostest"
	"github.com/depthnode/depthnode/node/internal/nodetest"
	"github.com/depthnode/depthnode/node/points"
)

// rawGrid are the parameters that make depth/points one point per pixel, nothing removed,
// so its points correspond to depth_image_proc's and to the scene's pixels.
var rawGrid = []string{"_points_stride:=1", "_points_organized:=true", "_points_min_range:=0.0",
	"_points_max_range:=0.0", "_points_edge_threshold:=0.0"}

// TestPointsMatchDepthImageProc: on the same frame, Debian's depth_image_proc/point_cloud_xyz
// nodelet (reading depth/metric and depth/camera_info) and depth/points keep the same pixels,
// at the same x, y, z within 1e-5 m.
func TestPointsMatchDepthImageProc(t *testing.T) {
	const nodelet = "/usr/lib/nodelet/nodelet"
	if _, err := os.Stat(nodelet); err != nil {
		t.Fatalf("%s missing: install libnodeletlib-tools and libdepth-image-proc-dev (scripts/install-deps.sh)", nodelet)
	}
	s := nodetest.NewMetric(t)
	m := rostest.StartMaster(t)
	startPointsNode(t, m, s, "depth_mean.onnx", rawGrid...)
	cmd := exec.Command(nodelet, "standalone", "depth_image_proc/point_cloud_xyz", "__name:=point_cloud_xyz",
		"image_rect:=/depth/metric", "camera_info:=/depth/camera_info", "points:=/dip/points")
	// pluginlib finds the nodelet's plugin through /usr/share/depth_image_proc/package.xml.
	cmd.Env = append(m.Env(os.Environ()), "ROS_PACKAGE_PATH=/usr/share")
	cmd.Stderr = os.Stderr
	rostest.Start(t, cmd)

	peer := newPeer(t, m)
	ours := subscribe[sensor_msgs.PointCloud2](t, peer, "/depth/points")
	theirs := subscribe[sensor_msgs.PointCloud2](t, peer, "/dip/points")
	stamp := time.Unix(1700001000, 0)
	feedScene(t, peer, s, stamp, s.CameraInfo())
	a := recv(t, ours, "depth/points", nil)
	b := recv(t, theirs, "depth_image_proc's points", func(c *sensor_msgs.PointCloud2) bool { return c.Header.Stamp.Equal(a.Header.Stamp) })
	if int(a.Width) != s.W || int(a.Height) != s.H || a.Width != b.Width || a.Height != b.Height {
		t.Fatalf("depth/points %dx%d, depth_image_proc %dx%d, image %dx%d", a.Width, a.Height, b.Width, b.Height, s.W, s.H)
	}
	pa, pb := cloudPoints(t, a), cloudPoints(t, b)
	both, onlyOurs, onlyTheirs := 0, 0, 0
	var worst float64
	for i := range pa {
		switch fa, fb := finite3(pa[i]), finite3(pb[i]); {
		case fa && fb:
			both++
			for _, d := range []float32{pa[i].x - pb[i].x, pa[i].y - pb[i].y, pa[i].z - pb[i].z} {
				worst = math.Max(worst, math.Abs(float64(d)))
			}
		case fa:
			onlyOurs++
		case fb:
			onlyTheirs++
		}
	}
	t.Logf("%d points in both, %d only in depth/points, %d only in depth_image_proc's; worst |dx|,|dy|,|dz| %.3g m",
		both, onlyOurs, onlyTheirs, worst)
	if both < len(pa)*9/10 || onlyOurs != 0 || onlyTheirs != 0 {
		t.Fatalf("the clouds keep different pixels")
	}
	if worst > 1e-5 {
		t.Fatalf("worst coordinate difference %.3g m, want <= 1e-5", worst)
	}
}

// TestPointsAgainstTruth: over the points depth/points keeps, the median distance to the
// scene's true surface point is small; on an image smeared as monocular depth smears edges,
// the edge filter removes the in-between points (far from any true surface) and keeps the
// surfaces; the normals are normals/image's and the colour is the camera's.
func TestPointsAgainstTruth(t *testing.T) {
	s := nodetest.NewMetric(t)
	m := rostest.StartMaster(t)
	n, st, _ := startPointsNode(t, m, s, "both.onnx", rawGrid...)
	peer := newPeer(t, m)
	clouds := subscribe[sensor_msgs.PointCloud2](t, peer, "/depth/points")
	normals := subscribe[sensor_msgs.Image](t, peer, "/normals/image")
	stamp := time.Unix(1700001100, 0)
	img := smeared(s.Image(stamp))
	keepPublishing(t, publisher[sensor_msgs.CameraInfo](t, peer, "/camera_info"), s.CameraInfo())
	keepPublishing(t, publisher[sensor_msgs.PointCloud2](t, peer, "/points"), s.CloudMsg(stamp.Add(5*time.Millisecond)))
	keepPublishing(t, publisher[sensor_msgs.Image](t, peer, "/image"), img)

	// flying counts points more than 5% of their true depth from their true surface point.
	distances := func(c []pointOf) (kept []float64, keptAt []int, flying int) {
		for i, p := range c {
			x, y, z, ok := truthPoint(s, i)
			if !ok || !finite3(p) {
				continue
			}
			d := math.Sqrt(sq(float64(p.x)-x) + sq(float64(p.y)-y) + sq(float64(p.z)-z))
			kept = append(kept, d)
			keptAt = append(keptAt, i)
			if d > 0.05*z {
				flying++
			}
		}
		return kept, keptAt, flying
	}
	raw := recv(t, clouds, "depth/points", nil)
	if !raw.Header.Stamp.Equal(stamp) || raw.Header.FrameId != nodetest.CamFrame || raw.IsDense || raw.PointStep != 48 {
		t.Fatalf("header %+v, is_dense %v, point_step %d", raw.Header, raw.IsDense, raw.PointStep)
	}
	all := cloudPoints(t, raw)
	dAll, atAll, flyAll := distances(all)

	// The filter is live: the next frames use it.
	p := n.live.Get()
	p.PointsEdgeThreshold = 0.05
	n.live.Set(p)
	edgesBefore := st.Snapshot().Edge
	eventually(t, "a cloud built with the edge filter", func() bool { return st.Snapshot().Edge > edgesBefore })
	var filtered *sensor_msgs.PointCloud2
	for filtered == nil || !slices.ContainsFunc(cloudPoints(t, filtered), func(q pointOf) bool { return !finite3(q) }) ||
		countFinite(cloudPoints(t, filtered)) == countFinite(all) {
		filtered = recv(t, clouds, "depth/points with the edge filter", nil)
	}
	kept := cloudPoints(t, filtered)
	dKept, atKept, flyKept := distances(kept)
	var dRemoved []float64
	for j, i := range atAll {
		if !finite3(kept[i]) {
			dRemoved = append(dRemoved, dAll[j])
		}
	}
	t.Logf("median distance to truth: %.4f m over %d points without the edge filter (%d flying: > 5%% of depth off), "+
		"%.4f m over %d with it (%d flying); the %d removed points: median %.4f m (true depth %.2f..%.2f m)",
		median(dAll), len(dAll), flyAll, median(dKept), len(dKept), flyKept, len(dRemoved), median(dRemoved), s.ZMin, s.ZMax)
	if !(median(dAll) < 0.02*s.ZMax) || !(median(dKept) <= median(dAll)) {
		t.Fatalf("median distance %.4f m without, %.4f m with the edge filter", median(dAll), median(dKept))
	}
	if flyAll == 0 || flyKept > flyAll/2 {
		t.Fatalf("flying points: %d without the edge filter, %d with it: want the filter to remove most", flyAll, flyKept)
	}
	if len(dRemoved) > 0 && !(median(dRemoved) > median(dKept)) {
		t.Fatalf("the edge filter removed points nearer the truth (median %.4f m) than it kept (%.4f m)", median(dRemoved), median(dKept))
	}
	if len(dKept) < len(dAll)*8/10 {
		t.Fatalf("the edge filter kept %d of %d points: surfaces lost", len(dKept), len(dAll))
	}

	nm := recv(t, normals, "normals/image", func(m *sensor_msgs.Image) bool { return m.Header.Stamp.Equal(stamp) })
	nv := floats(t, nm)
	for _, i := range atKept {
		q := kept[i]
		want := [3]float32{nv[3*i], nv[3*i+1], nv[3*i+2]}
		if math.Abs(float64(q.nx-want[0]))+math.Abs(float64(q.ny-want[1]))+math.Abs(float64(q.nz-want[2])) > 1e-6 {
			t.Fatalf("pixel %d: cloud normal (%g,%g,%g), normals/image %v", i, q.nx, q.ny, q.nz, want)
		}
		g := uint32(img.Data[i])
		if bits := math.Float32bits(q.rgb); bits != g<<16|g<<8|g || q.curv != 0 {
			t.Fatalf("pixel %d: rgb bits %#08x curvature %g, want %#08x and 0 (grey %d)", i, bits, q.curv, g<<16|g<<8|g, g)
		}
	}
	sn := st.Snapshot()
	if sn.Clouds < 2 || !sn.Last.Normals || !sn.Last.Color || sn.Edge == 0 {
		t.Fatalf("stage counters %+v", sn)
	}
	d := sn.Status("x")
	if nodetest.Value(d, "removed: edge (flying pixels)") == "0" || nodetest.Value(d, "clouds published") == "" {
		t.Fatalf("diagnostics %+v", d)
	}
}

// TestPointsRefuseBadCameraInfo: zero or NaN focal lengths, or a camera_info of another size
// than the image, get no cloud, a log line and a count; the next good camera_info works.
func TestPointsRefuseBadCameraInfo(t *testing.T) {
	s := nodetest.NewMetric(t)
	tests := []struct {
		name   string
		break_ func(c *sensor_msgs.CameraInfo)
		reason string
	}{
		{"zero focal lengths", func(c *sensor_msgs.CameraInfo) { c.K[0], c.K[4] = 0, 0 }, points.ReasonIntrinsics},
		{"NaN focal length", func(c *sensor_msgs.CameraInfo) { c.K[4] = math.NaN() }, points.ReasonIntrinsics},
		{"twice the image's size", func(c *sensor_msgs.CameraInfo) {
			c.Width, c.Height = 2*c.Width, 2*c.Height
			for _, k := range []int{0, 2, 4, 5} {
				c.K[k] *= 2
			}
		}, points.ReasonCameraInfoSize},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := rostest.StartMaster(t)
			_, st, lg := startPointsNode(t, m, s, "depth_mean.onnx")
			peer := newPeer(t, m)
			clouds := subscribe[sensor_msgs.PointCloud2](t, peer, "/depth/points")
			bad := s.CameraInfo()
			tc.break_(bad)
			stamp := time.Unix(1700001200+int64(i), 0)
			info := feedScene(t, peer, s, stamp, bad)
			eventually(t, "three refused frames", func() bool { return st.Snapshot().Refused[tc.reason] >= 3 })
			if sn := st.Snapshot(); sn.Clouds != 0 || len(clouds) != 0 {
				t.Fatalf("a cloud from a bad camera_info: %+v", sn)
			}
			if !lg.contains("depth/points: no cloud") {
				t.Fatal("refusal not logged")
			}
			if d := st.Snapshot().Status("x"); nodetest.Value(d, "refused: "+tc.reason) == "" || d.Level == 0 {
				t.Fatalf("diagnostics %+v", d)
			}
			info.Store(s.CameraInfo())
			got := recv(t, clouds, "depth/points after a good camera_info", nil)
			if !got.Header.Stamp.Equal(stamp) || got.Width*got.Height == 0 {
				t.Fatalf("cloud %+v after the good camera_info", got.Header)
			}
		})
	}
}

// smeared is img through a 3x3 box filter: object edges get in-between grey levels, so the
// metric depth gets points between foreground and background, as a monocular model's does.
func smeared(img *sensor_msgs.Image) *sensor_msgs.Image {
	w, h := int(img.Width), int(img.Height)
	out := *img
	out.Data = make([]byte, len(img.Data))
	for v := range h {
		for u := range w {
			sum, n := 0, 0
			for dv := -1; dv <= 1; dv++ {
				for du := -1; du <= 1; du++ {
					if x, y := u+du, v+dv; x >= 0 && x < w && y >= 0 && y < h {
						sum += int(img.Data[y*w+x])
						n++
					}
				}
			}
			out.Data[v*w+u] = byte((sum + n/2) / n)
		}
	}
	return &out
}

func sq(x float64) float64 { return x * x }

func median(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	c := slices.Clone(v)
	slices.Sort(c)
	return c[len(c)/2]
}

func countFinite(c []pointOf) int {
	n := 0
	for _, p := range c {
		if finite3(p) {
			n++
		}
	}
	return n
}
