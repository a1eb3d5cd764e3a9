package calib

import (
	"fmt"
	"testing"
)

// BenchmarkGroundAlign is the per-frame cost of floor alignment (sampling
// the grid, the fit, smoothing, writing the metric image) with 30% of the
// floor under a table. Run it with -cpu 1.
func BenchmarkGroundAlign(b *testing.B) {
	for _, sz := range [][2]int{{640, 480}, {1280, 720}} {
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) {
			cam := sceneCamera(b, sz[0], sz[1])
			sc := floorScene{floor: mustFloor(b, 1.2, 25, 3), wallDist: 6, tableHeight: 0.5, tableCols: 0.3}
			rel, nrm, _, _ := sc.render(cam, SpaceDepth, truthFor(SpaceDepth))
			a := newTestGroundAligner(b, nil)
			f := GroundFrame{Relative: rel, Normals: nrm, Width: sz[0], Height: sz[1], Camera: cam, Floor: sc.floor}
			for _, est := range []bool{false, true} {
				b.Run(map[bool]string{false: "known_up", true: "estimated_up"}[est], func(b *testing.B) {
					if est {
						f.Floor.Up = Vec3{}
					}
					b.ReportAllocs()
					b.ResetTimer()
					start := cpuTime(b)
					for i := 0; i < b.N; i++ {
						f.Stamp = stampOf(1 + float64(i)*0.01)
						if _, _, err := a.Align(f); err != nil {
							b.Fatal(err)
						}
					}
					reportCPU(b, start)
				})
			}
		})
	}
}
