package main

import (
	"errors"
	"fmt"

	"github.com/depthnode/depthnode/eval"
)

// evaluate scores frames 0..n-1 of ds with pr and returns the report.
func evaluate(ds *dataset, pr predictor, preset eval.Preset, n int, bar *progressBar) (eval.Report, error) {
	wantDepth, wantNormals := pr.what()
	var depth eval.DepthAccumulator
	var normals eval.NormalsAccumulator
	r := eval.Report{Preset: preset.Name, Frames: n}
	sawNormalsGT := false
	for i := 0; i < n; i++ {
		gt, err := ds.frame(i)
		if err != nil {
			return r, err
		}
		p, err := pr.predict(i, gt)
		if err != nil {
			return r, err
		}
		if wantDepth {
			m, err := eval.EvaluateDepth(p.depth, gt.depth, gt.width, gt.height, preset)
			switch {
			case errors.Is(err, eval.ErrNoValidPixels):
				// An all-sky frame has nothing to score; the reference skips such images too.
				r.Skipped++
			case err != nil:
				return r, fmt.Errorf("frame %d depth: %w", i, err)
			default:
				depth.Add(m)
			}
		}
		if wantNormals && gt.normals != nil {
			sawNormalsGT = true
			errs, err := eval.AngularErrors(p.normals, gt.normals)
			if err != nil {
				return r, fmt.Errorf("frame %d normals: %w", i, err)
			}
			normals.Add(errs)
		}
		bar.update(i + 1)
	}
	bar.finish()
	if wantDepth {
		s := depth.Summary()
		r.Depth = &s
	}
	if wantNormals && sawNormalsGT {
		s := normals.Summary()
		r.Normals = &s
	}
	return r, nil
}
