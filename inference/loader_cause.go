package inference

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
)

// loadFailure matches ONNX Runtime's error when dlopen of a provider library fails.
var loadFailure = regexp.MustCompile(`Failed to load library (\S+) with error: (.*)$`)

// loaderCause shortens ONNX Runtime's error about a provider library to what a user acts on:
// which library is missing, or which library a provider needs. Other errors pass through on
// one line.
func loaderCause(err error) string {
	s := oneLine(err)
	m := loadFailure.FindStringSubmatch(s)
	if m == nil {
		return s
	}
	lib, why := filepath.Base(m[1]), m[2]
	// dlopen says "NAME: cannot open shared object file: ..." for the first file it cannot find.
	if i := strings.Index(why, ": cannot open shared object file"); i > 0 {
		missing := filepath.Base(why[:i])
		if missing == lib {
			return fmt.Sprintf("%s is not there", m[1])
		}
		return fmt.Sprintf("%s needs %s, which is not on the library path", lib, missing)
	}
	return fmt.Sprintf("cannot load %s: %s", lib, why)
}
