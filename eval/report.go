package eval

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// Report is the outcome of evaluating one model on one data set.
type Report struct {
	Preset string `json:"preset"`
	Frames int    `json:"frames"`
	// Skipped counts frames left out of the depth average for having no valid ground truth.
	Skipped int             `json:"skipped_frames,omitempty"`
	Depth   *DepthSummary   `json:"depth,omitempty"`
	Normals *NormalsSummary `json:"normals,omitempty"`
}

// WriteTable prints the report as an aligned human-readable table.
func (r Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "data set\t%s (%d frames)\n", r.Preset, r.Frames)
	if r.Skipped > 0 {
		fmt.Fprintf(tw, "skipped\t%d frames without valid depth\n", r.Skipped)
	}
	if d := r.Depth; d != nil {
		fmt.Fprintf(tw, "depth AbsRel\t%.4f\t(x100: %.2f, per-image least-squares scale and shift)\n", d.AbsRel, 100*d.AbsRel)
		fmt.Fprintf(tw, "depth delta1\t%.4f\t(%d images)\n", d.Delta1, d.Images)
	}
	if n := r.Normals; n != nil {
		fmt.Fprintf(tw, "normals mean\t%.2f deg\t(%d pixels)\n", n.Mean, n.Pixels)
		fmt.Fprintf(tw, "normals median\t%.2f deg\n", n.Median)
		fmt.Fprintf(tw, "normals < 11.25\t%.1f %%\n", n.Under11)
		fmt.Fprintf(tw, "normals < 22.5\t%.1f %%\n", n.Under22)
		fmt.Fprintf(tw, "normals < 30\t%.1f %%\n", n.Under30)
	}
	return tw.Flush()
}
