package reconfigure

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package when a test leaves a goroutine behind: every
// node, server and engine goroutine a test starts must be stopped.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m,
		// net/http's shared transport keeps idle connections to roscore's XML-RPC server.
		goleak.IgnoreTopFunction("net/http.(*persistConn).readLoop"),
		goleak.IgnoreTopFunction("net/http.(*persistConn).writeLoop"),
	)
}
