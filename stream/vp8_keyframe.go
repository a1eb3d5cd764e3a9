package stream

// isVP8KeyFrame reads the frame tag (RFC 6386 9.1): bit 0 clear = key frame.
func isVP8KeyFrame(b []byte) bool {
	return len(b) >= 10 && b[0]&1 == 0 && b[3] == 0x9d && b[4] == 0x01 && b[5] == 0x2a
}
