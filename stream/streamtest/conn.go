package streamtest

import (
	"net"
	"sync/atomic"
)

// cuttableConn is a UDP socket that can go silent: once cut it still
// reads, but what it is asked to send goes nowhere.
type cuttableConn struct {
	net.PacketConn
	cut atomic.Bool
}

func (c *cuttableConn) WriteTo(p []byte, addr net.Addr) (int, error) {
	if c.cut.Load() {
		return len(p), nil
	}
	return c.PacketConn.WriteTo(p, addr)
}
