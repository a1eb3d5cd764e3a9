package points

import (
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"

	"github.com/depthnode/depthnode/cloud"
	"github.com/depthnode/depthnode/node/diag"
)

// Stats is what the points stage counts, for /diagnostics and tests.
type Stats struct {
	// Clouds went out on depth/points; Compressed on depth/metric/compressedDepth.
	Clouds, Compressed uint64
	// Points were kept over all clouds; Invalid, OutOfRange and Edge were removed by each
	// filter (cloud.Report's counts, summed).
	Points, Invalid, OutOfRange, Edge uint64
	// Last is the last published cloud's report.
	Last cloud.Report
	// NoMetric counts frames read on an output that had no metric depth (no fit held).
	NoMetric uint64
	// Refused counts frames read on depth/points refused for their camera_info, by reason.
	Refused map[string]uint64
	// Errors counts clouds or compressed images that could not be built (a bug or a bad option).
	Errors uint64
	// LastReason is why the last frame read on depth/points got no cloud ("" when it got one).
	LastReason string
}

// add sums one cloud's report.
func (st *Stats) add(r cloud.Report) {
	st.Clouds++
	st.Points += uint64(r.Points)
	st.Invalid += uint64(r.Invalid)
	st.OutOfRange += uint64(r.OutOfRange)
	st.Edge += uint64(r.Edge)
	st.Last, st.LastReason = r, ""
}

// Status turns the counters into the stage's DiagnosticStatus: WARN while the last frame read
// on depth/points was refused for its camera_info, OK otherwise.
func (st Stats) Status(name string) diagnostic_msgs.DiagnosticStatus {
	d := diagnostic_msgs.DiagnosticStatus{Level: diagnostic_msgs.DiagnosticStatus_OK, Name: name}
	kv, u := diag.Adders(&d)
	kv("clouds published", u(st.Clouds))
	kv("points kept", u(st.Points))
	kv("removed: invalid depth", u(st.Invalid))
	kv("removed: out of range", u(st.OutOfRange))
	kv("removed: edge (flying pixels)", u(st.Edge))
	kv("last cloud points", strconv.Itoa(st.Last.Points))
	kv("last cloud normals", normalsText(st.Clouds > 0, st.Last.Normals))
	kv("compressed depth published", u(st.Compressed))
	kv("frames without metric depth", u(st.NoMetric))
	var refused uint64
	for _, k := range slices.Sorted(maps.Keys(st.Refused)) {
		refused += st.Refused[k]
		kv("refused: "+k, u(st.Refused[k]))
	}
	kv("refused camera_info total", u(refused))
	kv("build errors", u(st.Errors))
	switch {
	case st.LastReason != "" && st.Refused[st.LastReason] > 0:
		d.Level = diagnostic_msgs.DiagnosticStatus_WARN
		d.Message = "no cloud: " + st.LastReason
	case st.LastReason != "":
		d.Message = "no cloud: " + st.LastReason
	case st.Clouds == 0:
		d.Message = "waiting for a reader of depth/points and metric depth"
	default:
		d.Message = fmt.Sprintf("%d clouds, last %d points", st.Clouds, st.Last.Points)
	}
	return d
}

func normalsText(built, have bool) string {
	switch {
	case !built:
		return "-"
	case have:
		return "from the normals model"
	}
	return "none (no normals model): 0,0,0"
}
