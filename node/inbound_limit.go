package node

import (
	"fmt"

	"github.com/depthnode/depthnode/internal/rosnode"
)

// inboundLimitText says goroslib's inbound message limit for /diagnostics.
const inboundLimitText = "16 MiB: raw rgb8 up to 5.59 Mpx (2880x1620 fits, 3840x2160 does not); larger messages are dropped by goroslib"

// warnInboundLimit says at start that raw images ~max_input_pixels allows may exceed what
// goroslib accepts, since goroslib drops such messages without a word. It is an INFO line: the
// defaults allow such sizes, and a WARN at every start would teach users to ignore WARNs.
func (n *Node) warnInboundLimit() {
	p := n.params
	if p.Transport != "raw" {
		return
	}
	if b := rosnode.ImageMessageBytes(64, 8, 3*p.MaxInputPixels, 1); b > rosnode.GoroslibMaxMessageBytes {
		n.log.Info(fmt.Sprintf("raw images over 16 MiB never arrive (goroslib's fixed limit; e.g. 3840x2160 rgb8 is 23.7 MiB), "+
			"although ~max_input_pixels %d allows %.1f MiB in rgb8: use ~transport:=compressed for such cameras", p.MaxInputPixels, float64(b)/(1<<20)))
	}
}
