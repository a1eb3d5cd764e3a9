package inference

import "strings"

// oneLine folds a runtime error onto one line, so a refusal stays the one log line it should be.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
