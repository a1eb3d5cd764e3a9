package inference

// bayerPattern gives the colour (0 = R, 1 = G, 2 = B) of each cell of the 2x2 tile, in the order
// (0,0), (1,0), (0,1), (1,1): the encoding name read left to right, top to bottom.
type bayerPattern *[4]uint8

var (
	bayerRGGB bayerPattern = &[4]uint8{0, 1, 1, 2}
	bayerBGGR bayerPattern = &[4]uint8{2, 1, 1, 0}
	bayerGBRG bayerPattern = &[4]uint8{1, 2, 0, 1}
	bayerGRBG bayerPattern = &[4]uint8{1, 0, 2, 1}
)

// demosaic is bilinear demosaicing: each pixel keeps its own colour and takes each missing colour
// as the mean of the 3x3 neighbours that carry it (the 4 cross or 4 diagonal neighbours inside,
// fewer at the border). dst is packed RGB.
func demosaic(p bayerPattern, width, height, step int, src, dst []byte) {
	for y := range height {
		for x := range width {
			var sum [3]uint32
			var n [3]uint32
			for dy := -1; dy <= 1; dy++ {
				yy := y + dy
				if yy < 0 || yy >= height {
					continue
				}
				row := src[yy*step : yy*step+width]
				for dx := -1; dx <= 1; dx++ {
					xx := x + dx
					if xx < 0 || xx >= width {
						continue
					}
					c := p[(yy&1)<<1|xx&1]
					sum[c] += uint32(row[xx])
					n[c]++
				}
			}
			own := p[(y&1)<<1|x&1]
			d := dst[(y*width+x)*3 : (y*width+x)*3+3 : (y*width+x)*3+3]
			for c := range 3 {
				switch {
				case uint8(c) == own:
					d[c] = src[y*step+x]
				case n[c] > 0:
					d[c] = uint8((sum[c] + n[c]/2) / n[c])
				default:
					// A 1-pixel-wide image lacks this colour entirely; borrow the pixel's own value.
					d[c] = src[y*step+x]
				}
			}
		}
	}
}
