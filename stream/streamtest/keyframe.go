package streamtest

// IsKeyFrame reads a VP8 frame tag (RFC 6386 9.1): bit 0 clear and the
// start code 9d 01 2a mark a key frame.
func IsKeyFrame(b []byte) bool {
	return len(b) >= 10 && b[0]&1 == 0 && b[3] == 0x9d && b[4] == 0x01 && b[5] == 0x2a
}
