package rostest

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"testing"
)

// BuildBinary builds the Go package pkg (an import path or ./relative path)
// into the test's temporary folder as name and returns the executable's
// path, so tests run the real program the way roslaunch would.
func BuildBinary(t testing.TB, pkg, name string) string {
	t.Helper()
	out, err := BuildBinaryIn(t.TempDir(), pkg, name)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// BuildBinaryIn builds pkg into dir/name, for a TestMain that shares one
// build between tests.
func BuildBinaryIn(dir, pkg, name string) (string, error) {
	out := filepath.Join(dir, name)
	if b, err := exec.Command("go", "build", "-o", out, pkg).CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build %s: %w\n%s", pkg, err, b)
	}
	return out, nil
}
