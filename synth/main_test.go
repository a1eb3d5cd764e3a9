package synth

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package when a render or scan leaves a goroutine behind.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
