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
// as the rounded mean of the 3x3 neighbours that carry it (the 4 cross or 4 diagonal neighbours,
// or the 2 horizontal or vertical ones; fewer at the border). dst is packed RGB.
func demosaic(p bayerPattern, width, height, step int, src, dst []byte) {
	for y := range height {
		if y == 0 || y == height-1 || width < 3 {
			for x := range width {
				demosaicBorder(p, width, height, step, src, dst, x, y)
			}
			continue
		}
		demosaicBorder(p, width, height, step, src, dst, 0, y)
		demosaicRow(p, width, step, src, dst, y)
		demosaicBorder(p, width, height, step, src, dst, width-1, y)
	}
}

// demosaicRow fills the interior pixels of row y (1 <= y < height-1), where every neighbour
// exists, without the per-neighbour bounds tests.
func demosaicRow(p bayerPattern, width, step int, src, dst []byte, y int) {
	up, mid, down := src[(y-1)*step:(y-1)*step+width], src[y*step:y*step+width], src[(y+1)*step:(y+1)*step+width]
	out := dst[y*width*3 : (y+1)*width*3]
	for x := 1; x < width-1; x++ {
		own := p[(y&1)<<1|x&1]
		d := out[x*3 : x*3+3 : x*3+3]
		d[own] = mid[x]
		if own != 1 {
			// R or B site: green on the cross, the other colour on the diagonals.
			d[1] = byte((uint32(up[x]) + uint32(down[x]) + uint32(mid[x-1]) + uint32(mid[x+1]) + 2) / 4)
			d[2-own] = byte((uint32(up[x-1]) + uint32(up[x+1]) + uint32(down[x-1]) + uint32(down[x+1]) + 2) / 4)
			continue
		}
		// G site: one colour left and right, the other above and below.
		d[p[(y&1)<<1|(x+1)&1]] = byte((uint32(mid[x-1]) + uint32(mid[x+1]) + 1) / 2)
		d[p[((y+1)&1)<<1|x&1]] = byte((uint32(up[x]) + uint32(down[x]) + 1) / 2)
	}
}

// demosaicBorder fills pixel (x, y) from whichever 3x3 neighbours exist.
func demosaicBorder(p bayerPattern, width, height, step int, src, dst []byte, x, y int) {
	var sum, n [3]uint32
	for yy := max(y-1, 0); yy <= min(y+1, height-1); yy++ {
		for xx := max(x-1, 0); xx <= min(x+1, width-1); xx++ {
			c := p[(yy&1)<<1|xx&1]
			sum[c] += uint32(src[yy*step+xx])
			n[c]++
		}
	}
	own := p[(y&1)<<1|x&1]
	d := dst[(y*width+x)*3 : (y*width+x)*3+3 : (y*width+x)*3+3]
	for c := range uint8(3) {
		switch {
		case c == own, n[c] == 0:
			// A 1-pixel-wide image lacks a colour entirely; it borrows the pixel's own value.
			d[c] = src[y*step+x]
		default:
			d[c] = byte((sum[c] + n[c]/2) / n[c])
		}
	}
}
