package imagemsg

import (
	"encoding/binary"
	"math"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/std_msgs"
)

func TestFloatImage(t *testing.T) {
	h := std_msgs.Header{Seq: 3, Stamp: time.Unix(5, 6), FrameId: "f"}
	tests := []struct {
		name     string
		w, ht, c int
		enc      string
	}{
		{"depth", 3, 2, 1, "32FC1"},
		{"normals", 2, 2, 3, "32FC3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := make([]float32, tc.w*tc.ht*tc.c)
			for i := range v {
				v[i] = float32(i)*0.25 - 1
			}
			v[0] = float32(math.NaN())
			m := Float(h, tc.w, tc.ht, tc.c, v)
			if m.Header != h || m.Encoding != tc.enc || int(m.Width) != tc.w || int(m.Height) != tc.ht ||
				int(m.Step) != 4*tc.c*tc.w || m.IsBigendian != 0 || len(m.Data) != 4*len(v) {
				t.Fatalf("image = %+v", m)
			}
			for i, want := range v {
				got := math.Float32frombits(binary.LittleEndian.Uint32(m.Data[4*i:]))
				if got != want && !(math.IsNaN(float64(got)) && math.IsNaN(float64(want))) {
					t.Fatalf("value %d = %v, want %v", i, got, want)
				}
			}
			v[1] = 42 // the message owns its data: later frames must not change it
			if math.Float32frombits(binary.LittleEndian.Uint32(m.Data[4:])) == 42 {
				t.Fatal("published data aliases the result buffer")
			}
		})
	}
}

func TestByteImage(t *testing.T) {
	m := Bytes(std_msgs.Header{FrameId: "x"}, 2, 1, "rgb8", []byte{1, 2, 3, 4, 5, 6})
	if m.Encoding != "rgb8" || m.Step != 6 || m.Width != 2 || m.Height != 1 || len(m.Data) != 6 {
		t.Fatalf("image = %+v", m)
	}
}
