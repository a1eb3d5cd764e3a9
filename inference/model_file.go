package inference

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// CheckModelFile refuses, with Open's error, a model path that is missing, a directory or not
// readable: the part of Open's checks that needs no runtime, for callers that check early.
func CheckModelFile(path string) error {
	st, err := os.Stat(path)
	if err == nil && st.IsDir() {
		return fmt.Errorf("%w: %s: is a directory, want an .onnx file", ErrModel, path)
	}
	if err == nil {
		var f *os.File
		if f, err = os.Open(path); err == nil {
			return f.Close()
		}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the path is already in the message
	}
	return fmt.Errorf("%w: %s: cannot read the file: %v", ErrModel, path, err)
}
