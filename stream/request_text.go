package stream

import (
	"strconv"
	"unicode/utf8"
)

// maxLoggedBytes bounds what of one request field reaches the log.
const maxLoggedBytes = 128

// logText quotes a value that came from a request for a log line: escaped
// (a decoded %0a in a path cannot start a forged line) and bounded.
func logText(s string) string {
	if len(s) <= maxLoggedBytes {
		return strconv.Quote(s)
	}
	cut := maxLoggedBytes
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "..."
}
