package points

import (
	"fmt"
	"math"
	"testing"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"

	"github.com/depthnode/depthnode/cloud"
)

// BenchmarkFreshCloud is what the stage pays per published cloud: Build into a new buffer (the
// stage never reuses one goroslib may still be serialising) and the message around it. Run on
// one core: GOMAXPROCS=1 go test -run '^$' -bench . -benchmem ./node/points/
func BenchmarkFreshCloud(b *testing.B) {
	for _, s := range [][2]int{{640, 480}, {1280, 720}} {
		for _, stride := range []int{1, cloud.DefaultOptions().Stride} {
			b.Run(fmt.Sprintf("%dx%d/stride=%d", s[0], s[1], stride), func(b *testing.B) {
				w, h := s[0], s[1]
				o := cloud.DefaultOptions()
				o.Stride = stride
				bl, err := cloud.NewBuilder(o)
				if err != nil {
					b.Fatal(err)
				}
				in := &cloud.Input{Width: w, Height: h, Depth: make([]float32, w*h), RGB: make([]byte, 3*w*h),
					Normals: make([]float32, 3*w*h), Intrinsics: cloud.Intrinsics{Fx: 0.8 * float64(w), Fy: 0.8 * float64(w), Cx: float64(w) / 2, Cy: float64(h) / 2}}
				for i := range in.Depth {
					in.Depth[i] = float32(1.5 + 3*float64(i%w)/float64(w) + 0.5*math.Sin(float64(i/w)/9))
					in.Normals[3*i+2] = -1
				}
				b.ReportAllocs()
				for b.Loop() {
					c, _, err := bl.Build(nil, in)
					if err != nil {
						b.Fatal(err)
					}
					_ = cloudMsg(std_msgs.Header{}, c)
				}
			})
		}
	}
}
