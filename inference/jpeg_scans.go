package inference

// countJPEGScans counts the start-of-scan markers of a JPEG stream by walking its segments
// (so bytes inside a segment or an EXIF thumbnail are not mistaken for markers), stopping once
// the count passes limit. It reads the structure only; malformed data is left to the decoder.
func countJPEGScans(data []byte, limit int) int {
	n := 0
	for i := 2; i+1 < len(data); {
		if data[i] != 0xff {
			i++ // junk between segments: the decoders skip it too (with a warning)
			continue
		}
		m := data[i+1]
		switch {
		case m == 0xff: // fill byte
			i++
			continue
		case m == 0xd9: // end of image
			return n
		case m == 0x00 || m == 0x01 || m == 0xd8 || (m >= 0xd0 && m <= 0xd7): // no length
			i += 2
			continue
		}
		if i+3 >= len(data) {
			return n
		}
		i += 2 + (int(data[i+2])<<8 | int(data[i+3]))
		if m != 0xda {
			continue
		}
		if n++; n > limit {
			return n
		}
		// Entropy-coded data runs to the next marker: 0xff not followed by a stuffed zero or a
		// restart marker.
		for ; i+1 < len(data); i++ {
			if data[i] == 0xff && data[i+1] != 0 && (data[i+1] < 0xd0 || data[i+1] > 0xd7) {
				break
			}
		}
	}
	return n
}
