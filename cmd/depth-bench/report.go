package main

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
)

// writeJSON prints the report as one JSON object on one line (easy to collect with >>).
func (r *Report) writeJSON(w io.Writer) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// writeText prints the report as a small table.
func (r *Report) writeText(w io.Writer) error {
	fmt.Fprintf(w, "%s\n", r.Describe)
	fmt.Fprintf(w, "ONNX Runtime %s, device %s, tasks %s, input %s, processing_res %d, %d timed frames after %d warm-up; open %.0f ms\n",
		r.Runtime, r.Device, r.Tasks, r.Input, r.ProcessingRes, r.Iterations, r.Warmup, r.OpenMS)
	if r.Cameras > 1 {
		how := "one after another"
		if r.Batched {
			how = "as one batch"
		}
		fmt.Fprintf(w, "each step: %d cameras' frames, run %s (stage times are per step)\n", r.Cameras, how)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "stage\tmean ms\tp50 ms\tp95 ms\tmin ms\tmax ms\tfps\t")
	for _, s := range r.Stages {
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.1f\t\n", s.Stage, s.MeanMS, s.P50MS, s.P95MS, s.MinMS, s.MaxMS, s.FPS)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "pipelined (stages overlapped as in the node): %.1f frames/s over all cameras\n", r.PipelineFPS)
	return err
}
