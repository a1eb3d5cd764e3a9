package rosnode

import "fmt"

// GoroslibMaxMessageBytes is the largest message goroslib v2.1.5 accepts
// on a subscriber: the unexported const maxMessageLength in
// pkg/protocommon/message.go, compared with the TCPROS length prefix (the
// message without the prefix itself). There is no conf field or variable
// to raise it. A bigger message makes MessageDecode fail with "maximum
// message length exceeded"; goroslib then closes the connection, logs
// nothing (it logs a subscriber's connection errors only when they are
// io.EOF), waits 5 s and connects again, so every such message is lost.
const GoroslibMaxMessageBytes = 16 * 1024 * 1024

// ImageMessageBytes is the TCPROS length of a sensor_msgs/Image (without
// the 4-byte prefix) whose frame_id and encoding have the given lengths
// and whose data is step*height bytes.
func ImageMessageBytes(frameIDLen, encodingLen, step, height int) int64 {
	const fixed = 4 + 8 + 4 + // header: seq, stamp, frame_id's length
		4 + 4 + 4 + 1 + 4 + 4 // height, width, encoding's length, is_bigendian, step, data's length
	return int64(fixed+frameIDLen+encodingLen) + int64(step)*int64(height)
}

// OversizeReason explains, for a log line or a counter, why messages of
// size bytes from publisher on topic never arrive; ok is false when size
// is within goroslib's limit.
func OversizeReason(topic, publisher string, size int64) (reason string, ok bool) {
	if size <= GoroslibMaxMessageBytes {
		return "", false
	}
	return fmt.Sprintf("a message over goroslib's 16 MiB limit was refused on %s: %s sends %d bytes (%.1f MiB); "+
		"goroslib drops the connection and retries every 5 s, so none of its messages arrive",
		topic, publisher, size, float64(size)/(1<<20)), true
}
