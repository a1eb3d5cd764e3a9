// Package diag holds the small helpers every /diagnostics status of the node is built with, so
// the node's, each camera's and each stage's statuses format their values one way.
package diag

import (
	"strconv"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"
)

// Adders returns kv, which appends a key-value to st, and u, which formats a counter.
func Adders(st *diagnostic_msgs.DiagnosticStatus) (kv func(k, v string), u func(uint64) string) {
	kv = func(k, v string) { st.Values = append(st.Values, diagnostic_msgs.KeyValue{Key: k, Value: v}) }
	return kv, func(v uint64) string { return strconv.FormatUint(v, 10) }
}

// Rate formats a counter's growth over dt seconds in Hz with one decimal; "0.0" when no time
// passed or the counter went back (a restart).
func Rate(cur, prev uint64, dt float64) string {
	if dt <= 0 || cur < prev {
		return "0.0"
	}
	return strconv.FormatFloat(float64(cur-prev)/dt, 'f', 1, 64)
}
