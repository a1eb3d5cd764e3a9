package stream

import (
	"image"
	"math"
	"math/rand/v2"
	"testing"

	"gocv.io/x/gocv"
)

func TestRGBToI420MatchesOpenCV(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, tc := range []struct {
		name string
		w, h int
		fill func(i int) byte
	}{
		{"random", 64, 32, func(int) byte { return byte(rng.IntN(256)) }},
		{"gradient", 128, 16, func(i int) byte { return byte(i * 7 % 256) }},
		{"extremes", 16, 8, func(i int) byte { return []byte{0, 255}[i/3%2] }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rgb := make([]byte, 3*tc.w*tc.h)
			for i := range rgb {
				rgb[i] = tc.fill(i)
			}
			got := image.NewYCbCr(image.Rect(0, 0, tc.w, tc.h), image.YCbCrSubsampleRatio420)
			rgbToI420(rgb, tc.w, tc.h, got)

			src, err := gocv.NewMatFromBytes(tc.h, tc.w, gocv.MatTypeCV8UC3, rgb)
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			want := cvI420(t, src) // luma: OpenCV straight from the image
			// OpenCV takes chroma from each block's top-left pixel; we take the
			// block mean. So the chroma opinion comes from an image whose 2x2
			// blocks OpenCV itself has averaged (INTER_AREA) and spread back.
			half, blocky := gocv.NewMat(), gocv.NewMat()
			defer half.Close()
			defer blocky.Close()
			gocv.Resize(src, &half, image.Pt(tc.w/2, tc.h/2), 0, 0, gocv.InterpolationArea)
			gocv.Resize(half, &blocky, image.Pt(tc.w, tc.h), 0, 0, gocv.InterpolationNearestNeighbor)
			wantC := cvI420(t, blocky)
			ySize, cSize := tc.w*tc.h, tc.w*tc.h/4
			worst := 0.0
			for y := 0; y < tc.h; y++ {
				for x := 0; x < tc.w; x++ {
					worst = math.Max(worst, math.Abs(float64(got.Y[got.YOffset(x, y)])-float64(want[y*tc.w+x])))
				}
			}
			for y := 0; y < tc.h/2; y++ {
				for x := 0; x < tc.w/2; x++ {
					c := got.COffset(2*x, 2*y)
					worst = math.Max(worst, math.Abs(float64(got.Cb[c])-float64(wantC[ySize+y*tc.w/2+x])))
					worst = math.Max(worst, math.Abs(float64(got.Cr[c])-float64(wantC[ySize+cSize+y*tc.w/2+x])))
				}
			}
			if worst > 2 {
				t.Fatalf("max difference from OpenCV %v levels, want <= 2", worst)
			}
		})
	}
}

// cvI420 converts with OpenCV (BT.601 limited range; planar Y, U, V).
func cvI420(t *testing.T, src gocv.Mat) []byte {
	t.Helper()
	dst := gocv.NewMat()
	defer dst.Close()
	gocv.CvtColor(src, &dst, gocv.ColorRGBToYUVI420)
	b, err := dst.DataPtrUint8()
	if err != nil {
		t.Fatal(err)
	}
	return append([]byte(nil), b...)
}

func TestComposerTiles(t *testing.T) {
	for _, tc := range []struct {
		name      string
		scene     sceneSpec
		tileWidth int
		want      Layout
	}{
		{"three tiles, downscaled", sceneSpec{w: 320, h: 240, rgb: [3]byte{10, 200, 90}, depth: 0.8, normal: [3]float32{0, -1, 0}, metric: float32NaN()},
			160, Layout{Tiles: []string{TileCamera, TileDepth, TileNormals}, TileWidth: 160, TileHeight: 120, Width: 480, Height: 120}},
		{"four tiles, upscaled, odd height rounds to even", sceneSpec{w: 50, h: 33, rgb: [3]byte{250, 250, 20}, depth: 0.1, normal: [3]float32{-1, 0, 0}, metric: 7.5},
			64, Layout{Tiles: []string{TileCamera, TileDepth, TileNormals, TileMetric}, TileWidth: 64, TileHeight: 42, Width: 256, Height: 42}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newComposer(tc.tileWidth, 10)
			img, l := c.compose(tc.scene.frame())
			if !l.same(tc.want) || l.TileHeight != tc.want.TileHeight || img.Rect.Dx() != l.Width || img.Rect.Dy() != l.Height {
				t.Fatalf("layout %+v image %v, want %+v", l, img.Rect, tc.want)
			}
			want := tc.scene.expectedTiles(10)
			for i, name := range l.Tiles {
				// Uniform tiles: only the colour conversion's rounding remains.
				if e := colourErr(tileColour(img, l, i), want[name]); e > 3 {
					t.Errorf("%s tile: %.0f, want %v", name, tileColour(img, l, i), want[name])
				}
			}
		})
	}
	t.Run("metric tile is black while alignment has no fit", func(t *testing.T) {
		f := sceneSpec{w: 64, h: 48, depth: 0.5, normal: [3]float32{0, 0, -1}, metric: float32NaN()}.frame()
		f.Stats.Align.Enabled = true
		img, l := newComposer(32, 10).compose(f)
		if len(l.Tiles) != 4 || colourErr(tileColour(img, l, 3), [3]byte{0, 0, 0}) > 3 {
			t.Fatalf("layout %v, metric tile %.0f", l.Tiles, tileColour(img, l, 3))
		}
	})
}

func TestComposerNeverWritesToTheFrame(t *testing.T) {
	for _, tw := range []int{64, 32} { // same width as the source (rows used in place), and scaled
		f := sceneSpec{w: 64, h: 48, depth: 0.5, normal: [3]float32{0, 0, -1}, metric: 6}.frame()
		f.Metric[5] = float32(math.NaN())
		before := append([]float32(nil), f.Metric...)
		depth := append([]float32(nil), f.Depth...)
		newComposer(tw, 10).compose(f)
		for i := range before {
			same := before[i] == f.Metric[i] || (math.IsNaN(float64(before[i])) && math.IsNaN(float64(f.Metric[i])))
			if !same || depth[i] != f.Depth[i] {
				t.Fatalf("tile width %d: frame changed at %d", tw, i)
			}
		}
	}
}

func TestSampleMapCentres(t *testing.T) {
	for _, tc := range []struct {
		n, src int
		want   []int
	}{
		{4, 8, []int{1, 3, 5, 7}},
		{4, 4, []int{0, 1, 2, 3}},
		{4, 2, []int{0, 0, 1, 1}},
		{3, 9, []int{1, 4, 7}},
	} {
		got := sampleMap(nil, tc.n, tc.src)
		for i := range tc.want {
			if got[i] != tc.want[i] {
				t.Fatalf("sampleMap(%d, %d) = %v, want %v", tc.n, tc.src, got, tc.want)
			}
		}
	}
}
