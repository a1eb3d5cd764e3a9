package rostest

import (
	"os/exec"
	"testing"
)

// SystemPython is Debian's interpreter, the one that sees rospy, onnx and torch
// (a pyenv python3 earlier on PATH does not).
const SystemPython = "/usr/bin/python3"

// Require fails the test when a command of Debian's ROS 1 is missing, saying
// how to install it; integration tests run against the real tools, never fakes.
func Require(t testing.TB, commands ...string) {
	t.Helper()
	for _, c := range commands {
		if _, err := exec.LookPath(c); err != nil {
			t.Fatalf("%s not found: run `make deps` (installs Debian's ROS 1 packages)", c)
		}
	}
}

// Python returns a command running Debian's python3 with args.
func Python(args ...string) *exec.Cmd {
	return exec.Command(SystemPython, args...)
}
