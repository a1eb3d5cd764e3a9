package nodetest

import "github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"

// Value is the value of key in a diagnostics status, "" when absent.
func Value(s diagnostic_msgs.DiagnosticStatus, key string) string {
	for _, kv := range s.Values {
		if kv.Key == key {
			return kv.Value
		}
	}
	return ""
}
