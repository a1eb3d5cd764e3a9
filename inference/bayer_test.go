package inference

import (
	"testing"

	"gocv.io/x/gocv"
)

// mosaic samples truth through a Bayer colour filter named like the ROS encoding.
func mosaic(truth *RGB, pattern bayerPattern, pad int) (step int, data []byte) {
	step = truth.Width + pad
	data = make([]byte, step*truth.Height)
	for y := range truth.Height {
		for x := range truth.Width {
			c := pattern[(y&1)<<1|x&1]
			data[y*step+x] = truth.Pix[(y*truth.Width+x)*3+int(c)]
		}
	}
	return step, data
}

// gradientImage has channels linear in x and y, which bilinear demosaicing reproduces exactly
// away from the border, and distinct per channel so a swap shows.
func gradientImage(w, h int) *RGB {
	img := &RGB{Width: w, Height: h, Pix: make([]byte, w*h*3)}
	for y := range h {
		for x := range w {
			i := (y*w + x) * 3
			img.Pix[i], img.Pix[i+1], img.Pix[i+2] = byte(20+4*x), byte(100+2*y), byte(250-2*x-y)
		}
	}
	return img
}

func TestDecodeBayer(t *testing.T) {
	// cv_bridge's mapping from ROS Bayer encodings to OpenCV's (which name the pattern by the
	// second row) is the second opinion.
	cases := []struct {
		encoding string
		pattern  bayerPattern
		opencv   gocv.ColorConversionCode
	}{
		{"bayer_rggb8", bayerRGGB, gocv.ColorBayerBGToBGR},
		{"bayer_bggr8", bayerBGGR, gocv.ColorBayerRGToBGR},
		{"bayer_gbrg8", bayerGBRG, gocv.ColorBayerGRToBGR},
		{"bayer_grbg8", bayerGRBG, gocv.ColorBayerGBToBGR},
	}
	const w, h = 40, 30
	truth := gradientImage(w, h)
	for _, tc := range cases {
		t.Run(tc.encoding, func(t *testing.T) {
			step, data := mosaic(truth, tc.pattern, 3)
			var got RGB
			if err := DecodeImage(tc.encoding, w, h, step, false, data, &got); err != nil {
				t.Fatal(err)
			}
			packed := make([]byte, w*h)
			for y := range h {
				copy(packed[y*w:], data[y*step:y*step+w])
			}
			raw, err := gocv.NewMatFromBytes(h, w, gocv.MatTypeCV8UC1, packed)
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			bgr := gocv.NewMat()
			defer bgr.Close()
			gocv.CvtColor(raw, &bgr, tc.opencv)
			cv := bgr.ToBytes()
			worstTruth, worstCV := 0, 0
			for y := 2; y < h-2; y++ {
				for x := 2; x < w-2; x++ {
					for c := range 3 {
						g := int(got.Pix[(y*w+x)*3+c])
						worstTruth = max(worstTruth, abs(g-int(truth.Pix[(y*w+x)*3+c])))
						worstCV = max(worstCV, abs(g-int(cv[(y*w+x)*3+2-c])))
					}
				}
			}
			t.Logf("interior max |diff|: %d vs truth, %d vs OpenCV", worstTruth, worstCV)
			if worstTruth > 1 || worstCV > 1 {
				t.Errorf("interior differs: %d vs truth, %d vs OpenCV (want <= 1)", worstTruth, worstCV)
			}
			// The border uses fewer neighbours but must keep the channels in place.
			for _, i := range []int{0, w - 1, (h-1)*w + w - 1} {
				for c := range 3 {
					if d := abs(int(got.Pix[i*3+c]) - int(truth.Pix[i*3+c])); d > 8 {
						t.Errorf("border pixel %d channel %d off by %d", i, c, d)
					}
				}
			}
		})
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// TestDemosaicFastPathMatchesGeneric checks the interior fast path against the neighbour-counting
// rule on noise, for every pattern and odd and tiny sizes.
func TestDemosaicFastPathMatchesGeneric(t *testing.T) {
	for _, p := range []bayerPattern{bayerRGGB, bayerBGGR, bayerGBRG, bayerGRBG} {
		for _, size := range [][2]int{{1, 1}, {2, 2}, {3, 3}, {1, 7}, {7, 1}, {17, 9}, {64, 33}} {
			w, h := size[0], size[1]
			step := w + 2
			src := make([]byte, step*h)
			for i := range src {
				src[i] = byte(i*131 + i*i*7)
			}
			fast := make([]byte, w*h*3)
			demosaic(p, w, h, step, src, fast)
			slow := make([]byte, w*h*3)
			for y := range h {
				for x := range w {
					demosaicBorder(p, w, h, step, src, slow, x, y)
				}
			}
			if string(fast) != string(slow) {
				t.Errorf("pattern %v %dx%d: fast path differs from the generic rule", *p, w, h)
			}
		}
	}
}
