package stream

import (
	"image"
	"image/png"
	"math"
	"os"
	"testing"
	"time"
)

// TestBrowserPlaysPreview loads the page in Debian's headless Chromium, lets
// it connect over WHEP on loopback, and reads the video's pixels back from a
// screenshot.
func TestBrowserPlaysPreview(t *testing.T) {
	const metricMax = 10
	s, base := startServer(t, Config{TileWidth: 320, Token: "tok", MetricMaxMetres: metricMax})
	scene := sceneSpec{w: 640, h: 480, rgb: [3]byte{230, 30, 30}, depth: 0.25, normal: [3]float32{0, 0, -1}, metric: 3}
	stop := make(chan struct{})
	wg := pushUntil(s, stop, 33*time.Millisecond, func(int) *Frame {
		sc := scene
		sc.stamp = time.Now()
		return sc.frame()
	})
	defer func() { close(stop); wg.Wait() }()

	wd := startWebDriver(t)
	wd.navigate(t, base+"/?token=tok")

	type pageState struct {
		State   string   `json:"state"`
		Frames  int      `json:"frames"`
		Latency *float64 `json:"latency"`
		Error   *string  `json:"error"`
		VideoW  int      `json:"videoW"`
		VideoH  int      `json:"videoH"`
		Time    float64  `json:"time"`
	}
	read := func() pageState {
		var st pageState
		wd.eval(t, `const v = document.getElementById("video");
			return Object.assign({}, window.depthnode, {videoW: v.videoWidth, videoH: v.videoHeight, time: v.currentTime});`, &st)
		return st
	}
	var st pageState
	waitFor(t, "the page to play video", func() bool {
		st = read()
		return st.VideoW > 0 && st.Frames >= 5 && st.Latency != nil
	})
	if st.VideoW != 1280 || st.VideoH != 240 {
		t.Fatalf("video is %dx%d, want 1280x240 (four 320x240 tiles)", st.VideoW, st.VideoH)
	}
	t.Logf("page: %+v, end-to-end latency %.1f ms", st, *st.Latency)
	if !(*st.Latency > 0) || *st.Latency > 60000 {
		t.Fatalf("latency %v ms is not a plausible stamp-to-display time", *st.Latency)
	}
	first := st
	waitFor(t, "the video to advance", func() bool {
		st = read()
		return st.Frames > first.Frames+5 && st.Time > first.Time
	})

	t.Run("screenshot shows the tiles", func(t *testing.T) {
		var r struct{ Left, Top, Width, Height, DPR float64 }
		wd.eval(t, `const r = document.getElementById("video").getBoundingClientRect();
			return {left: r.left, top: r.top, width: r.width, height: r.height, dpr: window.devicePixelRatio};`, &r)
		shot := wd.screenshot(t)
		if path := os.Getenv("STREAM_SCREENSHOT"); path != "" {
			// For a person to look at: STREAM_SCREENSHOT=/tmp/page.png go test -run Browser ./stream/
			savePNG(t, path, shot)
		}
		want := scene.expectedTiles(metricMax)
		for i, name := range []string{TileCamera, TileDepth, TileNormals, TileMetric} {
			cx := (r.Left + (float64(i)+0.5)*r.Width/4) * r.DPR
			cy := (r.Top + r.Height/2) * r.DPR
			got := meanRGB(shot, int(cx), int(cy), 4)
			// Lossy video, two colour conversions and the browser's scaler.
			if e := colourErr(got, want[name]); e > 40 {
				t.Errorf("%s tile on screen is %.0f, want about %v", name, got, want[name])
			}
		}
		if black := colourErr(meanRGB(shot, int((r.Left+r.Width*3/8)*r.DPR), int((r.Top+r.Height/2)*r.DPR), 4), [3]byte{}); black < 60 {
			t.Errorf("depth tile is black on screen")
		}
	})

	t.Run("hovering shows depth under the pointer", func(t *testing.T) {
		var r struct{ Width, Height float64 }
		wd.eval(t, `const r = document.getElementById("video").getBoundingClientRect(); return {width: r.width, height: r.height};`, &r)
		wd.movePointer(t, "#video", int(r.Width*3/8), int(r.Height/2))
		var h struct {
			Rel, Metric *float64
		}
		waitFor(t, "a hover answer", func() bool {
			wd.eval(t, `return window.depthnode.hover || {};`, &h)
			return h.Rel != nil
		})
		if math.Abs(*h.Rel-0.25) > 1e-6 || h.Metric == nil || math.Abs(*h.Metric-3) > 1e-6 {
			t.Fatalf("hover rel %v metric %v, want 0.25 and 3", *h.Rel, h.Metric)
		}
		var text string
		wd.eval(t, `return document.getElementById("hover").textContent;`, &text)
		t.Logf("hover readout: %q", text)
	})

	t.Run("stats are shown", func(t *testing.T) {
		var txt map[string]string
		wd.eval(t, `const o = {}; for (const id of ["input_fps","model_ms","device","align","scale_shift","e2e"]) o[id] = document.getElementById(id).textContent; return o;`, &txt)
		want := map[string]string{"input_fps": "30.0", "model_ms": "95.0 ms", "device": "cpu", "align": "holding", "scale_shift": "2.0000 / 0.500"}
		for k, v := range want {
			if txt[k] != v {
				t.Errorf("%s shows %q, want %q", k, txt[k], v)
			}
		}
	})
}

func savePNG(t *testing.T, path string, img image.Image) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// meanRGB averages a (2r+1)^2 patch of img around (x, y).
func meanRGB(img image.Image, x, y, r int) [3]float64 {
	var s [3]float64
	n := 0.0
	for yy := y - r; yy <= y+r; yy++ {
		for xx := x - r; xx <= x+r; xx++ {
			cr, cg, cb, _ := img.At(xx, yy).RGBA()
			s[0] += float64(cr >> 8)
			s[1] += float64(cg >> 8)
			s[2] += float64(cb >> 8)
			n++
		}
	}
	return [3]float64{s[0] / n, s[1] / n, s[2] / n}
}
